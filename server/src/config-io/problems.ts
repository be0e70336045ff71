// Where a problem of an import is, for the office to find it: a zod issue's path inside the
// configuration is traced back to the sheet, row (as Excel numbers it) and column it was read from;
// a problem between records (an unknown service, a duplicate id) to the row that names it.
import type { ImportProblem } from '@nobat/protocol';
import type { z } from 'zod';
import type { Column } from './sheets.ts';

/** Where one element of the configuration (a service, a step, a setting) was read from. */
export interface Origin {
  /** Its path in the configuration, dotted ("services.3", "services.3.info.steps.1", "branch.type"). */
  path: string;
  sheet: string;
  row: number | null;
  /** The sheet's columns, keyed relative to `path`. */
  columns: readonly Column[];
  /** For a key/value row: the problem's field whatever the rest of the path. */
  field?: string;
}

/** Rows by what they name, for problems between records: "service:pension" → its row(s). */
export type RowIndex = Map<string, { sheet: string; row: number }[]>;

export function indexRow(index: RowIndex, key: string, sheet: string, row: number): void {
  const list = index.get(key) ?? [];
  list.push({ sheet, row });
  index.set(key, list);
}

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** The zod issue in the office's words where there are some; zod's own message otherwise. */
function wording(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { input?: unknown; origin?: string; minimum?: number | bigint };
  if (i.code === 'invalid_type' && i.input === undefined) return 'خالی است / required';
  if (i.code === 'too_small' && i.origin === 'string' && Number(i.minimum) === 1) return 'خالی است / required';
  if (i.code === 'too_small' && i.origin === 'array' && Number(i.minimum) === 1) {
    return 'دست‌کم یک ردیف لازم است / at least one is required';
  }
  return issue.message;
}

function columnFor(columns: readonly Column[], rest: string): Column | undefined {
  return (
    columns.find((c) => c.key === rest) ??
    columns.find((c) => c.claims?.includes(rest)) ??
    (rest ? columns.find((c) => c.key.startsWith(`${rest}.`)) : undefined) ??
    columns.find((c) => rest.startsWith(`${c.key}.`))
  );
}

/** The sheet, row and column of a path of the configuration; null parts where it cannot say. */
export function locate(origins: readonly Origin[], path: string): Omit<ImportProblem, 'message'> & { header?: string } {
  let best: Origin | undefined;
  for (const o of origins) {
    if ((path === o.path || path.startsWith(`${o.path}.`)) && (!best || o.path.length > best.path.length)) best = o;
  }
  // A problem of a whole object (the branch's name) is on the first row that gave part of it.
  if (!best || best.row === null) best = origins.find((o) => o.path.startsWith(`${path}.`) && o.row !== null) ?? best;
  if (!best) return { sheet: null, row: null, field: path || null };
  if (best.field) return { sheet: best.sheet, row: best.row, field: best.field };
  const rest = path === best.path ? '' : path.slice(best.path.length + 1);
  const column = columnFor(best.columns, rest);
  return {
    sheet: best.sheet,
    row: best.row,
    field: column?.key ?? (rest || null),
    ...(column ? { header: column.fa } : {}),
  };
}

type Place = Omit<ImportProblem, 'message'>;
const KINDS: Record<string, string> = {
  group: 'group',
  service: 'service',
  counter: 'counter',
  'priority class': 'priority',
  clerk: 'clerk',
};

/**
 * branchConfigProblems' messages, each with the rows it is about: [pattern, index key, column, whether
 * the first such row is the good one (a duplicate is the second and later)].
 */
const CROSS: readonly [RegExp, (m: RegExpExecArray) => string, string, boolean][] = [
  [
    /^duplicate (group|service|counter|priority class|clerk) id "(.*)"$/,
    (m) => `${KINDS[m[1] ?? '']}:${m[2]}`,
    'id',
    true,
  ],
  [/^duplicate counter number (\d+)$/, (m) => `counterNumber:${m[1]}`, 'number', true],
  [/^service "(.*)" names unknown group "(.*)"$/, (m) => `service:${m[1]}`, 'groupId', false],
  [/^counter "(.*)" lists service "(.*)" twice$/, (m) => `counterService:${m[1]}|${m[2]}`, 'serviceId', true],
  [/^counter "(.*)" serves unknown service "(.*)"$/, (m) => `counterService:${m[1]}|${m[2]}`, 'serviceId', false],
  [/^clerk "(.*)" may staff unknown counter "(.*)"$/, (m) => `clerk:${m[1]}`, 'counters', false],
  [/^services "(.*)" and "(.*)" have overlapping ticket numbers$/, (m) => `service:${m[2]}`, 'numbering.from', false],
];

/** Problems between records (branchConfigProblems' messages) placed on the rows that name them. */
function placeCross(message: string, index: RowIndex): Place[] {
  for (const [pattern, key, field, skipFirst] of CROSS) {
    const m = pattern.exec(message);
    if (!m) continue;
    return (index.get(key(m)) ?? []).slice(skipFirst ? 1 : 0).map((r) => ({ sheet: r.sheet, row: r.row, field }));
  }
  if (/^exactly one priority class must be "normal"/.test(message)) {
    return (index.get('sheet:priorities') ?? []).map((r) => ({ sheet: r.sheet, row: null, field: 'kind' }));
  }
  return [];
}

/** Problems between records, each on the rows that name it (nowhere in particular when none do). */
export function crossProblems(messages: readonly string[], tracing: Tracing): ImportProblem[] {
  return messages.flatMap((message) => {
    const places = placeCross(message, tracing.index);
    return places.length === 0
      ? [{ sheet: null, row: null, field: null, message }]
      : places.map((p) => ({ ...p, message }));
  });
}

export interface Tracing {
  origins: readonly Origin[];
  index: RowIndex;
  /** Paths whose problems were already reported by the reader (a cell that was not a number…). */
  explained: ReadonlySet<string>;
}

export const NO_TRACING: Tracing = { origins: [], index: new Map(), explained: new Set() };

/** The problems of a failed whole-configuration validation, each placed where the office can find it. */
export function problemsOf(error: z.ZodError, tracing: Tracing): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const issue of error.issues) {
    const path = joinPath(issue.path);
    if ([...tracing.explained].some((p) => path === p || path.startsWith(`${p}.`))) continue;
    const message = wording(issue);
    if (issue.path.length === 0) {
      out.push(...crossProblems([message], tracing));
      continue;
    }
    const { header, ...place } = locate(tracing.origins, path);
    out.push({ ...place, message: header ? `«${header}»: ${message}` : message });
  }
  return dedupe(out);
}

export function dedupe(problems: readonly ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.sheet, p.row, p.field, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
