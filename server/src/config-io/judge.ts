// [X3] An import is judged whole before anything is written: the problems of its cells, then the
// whole configuration through BranchConfig (every zod issue placed on its sheet, row and column),
// then what an import may not do: give the branch another id, move it (for a supervisor), or drop a
// sub-service or counter that is in use today.
import { BranchConfig, branchConfigProblems, type ImportProblem } from '@nobat/protocol';
import { crossProblems, dedupe, locate, problemsOf, type Tracing } from './problems.ts';

export interface ImportRules {
  /** The branch imported into: the configuration must keep its id. */
  branchId: string;
  /** Its configuration now. */
  current: BranchConfig;
  /** A supervisor may not move their branch to another organisation or provincial office. */
  mayMove: boolean;
  /** In use today (tickets in play, an open counter): may not be dropped now. */
  serviceInUse(id: string): boolean;
  counterInUse(id: string): boolean;
}

export type Judged = { ok: true; config: BranchConfig } | { ok: false; problems: ImportProblem[] };

const say = (fa: string, en: string) => `${fa} / ${en}`;

/** The problems between records of a configuration some of whose records are broken (as far as they can be told). */
function between(input: unknown): string[] {
  try {
    return branchConfigProblems(input as Parameters<typeof branchConfigProblems>[0]);
  } catch {
    return [];
  }
}

export function judgeImport(
  input: unknown,
  read: Tracing & { problems: readonly ImportProblem[] },
  rules: ImportRules,
): Judged {
  const problems: ImportProblem[] = [...read.problems];
  const at = (path: string, message: string) => {
    const { header: _, ...place } = locate(read.origins, path);
    problems.push({ ...place, message });
  };
  const branch = (input as { branch?: Record<string, unknown> } | null)?.branch;
  if (branch && branch.id !== rules.branchId) {
    at(
      'branch.id',
      say(
        `شناسهٔ شعبه باید «${rules.branchId}» بماند`,
        `the branch id must stay "${rules.branchId}" (an import cannot rename it)`,
      ),
    );
  }
  if (branch && !rules.mayMove) {
    for (const key of ['organisationId', 'provincialOfficeId'] as const) {
      if (branch[key] !== rules.current.branch[key]) {
        at(`branch.${key}`, say('سرپرست نمی‌تواند شعبه را جابه‌جا کند', 'a supervisor cannot move the branch'));
      }
    }
  }
  const parsed = BranchConfig.safeParse(input);
  if (!parsed.success) {
    problems.push(...problemsOf(parsed.error, read));
    // zod checks between records only once every record is sound; the office wants them all at once.
    // Those zod did reach already carry their own paths (and are placed above): not twice.
    const placed = new Set(parsed.error.issues.map((i) => i.message));
    problems.push(
      ...crossProblems(
        between(input).filter((m) => !placed.has(m)),
        read,
      ),
    );
  } else {
    const ids = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
    const services = ids(parsed.data.services);
    const counters = ids(parsed.data.counters);
    for (const s of rules.current.services) {
      if (!services.has(s.id) && rules.serviceInUse(s.id)) {
        problems.push({
          sheet: null,
          row: null,
          field: null,
          message: say(
            `خدمت «${s.id}» امروز نوبت در جریان دارد و اکنون حذف نمی‌شود`,
            `service "${s.id}" has tickets in play today; it cannot be removed now`,
          ),
        });
      }
    }
    for (const c of rules.current.counters) {
      if (!counters.has(c.id) && rules.counterInUse(c.id)) {
        problems.push({
          sheet: null,
          row: null,
          field: null,
          message: say(
            `باجهٔ «${c.id}» اکنون باز است و حذف نمی‌شود`,
            `counter "${c.id}" is open now; it cannot be removed`,
          ),
        });
      }
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, config: parsed.data };
}
