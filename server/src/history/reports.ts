// Reports over the history (server/SPEC.md R1–R9): the branches a query covers (configuration
// records, filters, the asker's reach), the archived rollups of both periods streamed and folded
// row by row (domain/reports.ts), the rows labelled in Persian and English, and the report as an
// export document.
import {
  BranchConfig,
  clockTime,
  jalaliDate,
  jalaliShortDate,
  type Lang,
  type LocalizedText,
  localized,
  type Report,
  type ReportDimension,
  type ReportFigures,
  type ReportPeriod,
  type ReportQuery,
  type ReportRow,
  toPersianDigits,
} from '@nobat/protocol';
import { addDays, type BranchFacts, daysIn, type GroupFigures, ReportFold } from '../domain/reports.ts';
import type { Store } from '../store/port.ts';
import type { DocCell, DocColumn, DocSection, ExportDoc } from './export-doc.ts';
import type { HistoryFilter, HistoryStore, ReportReach, ReportRunner } from './port.ts';

/** [R1] An admin named a branch that has no configuration. */
export class UnknownBranchError extends Error {
  constructor(readonly branchId: string) {
    super(`unknown branch ${branchId}`);
    this.name = 'UnknownBranchError';
  }
}

export interface ReportServiceOptions {
  /** The live store: its `branch`, `provincial-office` and `user` records name what reports show. */
  store: Store;
  history: HistoryStore;
}

const WEEKDAYS: LocalizedText[] = [
  { fa: 'شنبه', en: 'Saturday' },
  { fa: 'یکشنبه', en: 'Sunday' },
  { fa: 'دوشنبه', en: 'Monday' },
  { fa: 'سه‌شنبه', en: 'Tuesday' },
  { fa: 'چهارشنبه', en: 'Wednesday' },
  { fa: 'پنجشنبه', en: 'Thursday' },
  { fa: 'جمعه', en: 'Friday' },
];

/** A calendar day "YYYY-MM-DD" as a short Jalali date. */
const jalaliDay = (day: string, lang: Lang) => jalaliShortDate(`${day}T12:00:00Z`, lang, 'UTC');

interface Names {
  branches: Map<string, BranchConfig>;
  offices: Map<string, LocalizedText>;
  users: Map<string, string>;
  /** More than one branch covered: counters carry their branch's name. */
  several: boolean;
}

/** [R4] A group's label in both languages. */
function labelOf(by: ReportDimension, key: string, n: Names): LocalizedText {
  const same = (s: string): LocalizedText => ({ fa: s, en: s });
  switch (by) {
    case 'service': {
      for (const c of n.branches.values()) {
        const s = c.services.find((x) => x.id === key);
        if (s) return { fa: s.title.fa, en: s.title.en ?? s.title.fa };
      }
      return same(key);
    }
    case 'counter': {
      if (key === '') return { fa: 'بدون باجه', en: 'No counter' };
      const slash = key.indexOf('/');
      const branch = n.branches.get(key.slice(0, slash));
      const counterId = key.slice(slash + 1);
      const counter = branch?.counters.find((c) => c.id === counterId);
      const label: LocalizedText = counter
        ? { fa: `باجه ${toPersianDigits(counter.number)}`, en: `Counter ${counter.number}` }
        : { fa: `باجه ${counterId}`, en: `Counter ${counterId}` };
      if (!n.several || !branch) return label;
      const bn = branch.branch.name;
      return { fa: `${label.fa} — ${bn.fa}`, en: `${label.en} — ${bn.en ?? bn.fa}` };
    }
    case 'clerk': {
      if (key === '') return { fa: 'بدون کارمند', en: 'No clerk' };
      for (const c of n.branches.values()) {
        const k = c.clerks.find((x) => x.id === key);
        if (k) return same(k.name);
      }
      return same(n.users.get(key) ?? key);
    }
    case 'hour': {
      const h = Number(key);
      return { fa: `${toPersianDigits(h)} تا ${toPersianDigits(h + 1)}`, en: `${h}–${h + 1}` };
    }
    case 'weekday':
      return WEEKDAYS[Number(key)] ?? same(key);
    case 'day':
      return { fa: jalaliDay(key, 'fa'), en: jalaliDay(key, 'en') };
    case 'branch': {
      const name = n.branches.get(key)?.branch.name;
      return name ? { fa: name.fa, en: name.en ?? name.fa } : same(key);
    }
    case 'province': {
      const name = n.offices.get(key);
      return name ? { fa: name.fa, en: name.en ?? name.fa } : same(key || '—');
    }
    case 'branch-type':
      return { fa: `نوع ${toPersianDigits(key)}`, en: `Type ${key}` };
  }
}

export class ReportService implements ReportRunner {
  readonly #store: Store;
  readonly #history: HistoryStore;

  constructor(opts: ReportServiceOptions) {
    this.#store = opts.store;
    this.#history = opts.history;
  }

  /** Parsed configurations by branch and record version: a record is validated once per version. */
  readonly #parsed = new Map<string, { version: number; config: BranchConfig | null }>();

  /** Every branch with a sound configuration, by id. */
  async #configs(): Promise<BranchConfig[]> {
    const out: BranchConfig[] = [];
    const seen = new Set<string>();
    for (const r of await this.#store.listRecords<unknown>('branch')) {
      seen.add(r.id);
      let cached = this.#parsed.get(r.id);
      if (cached?.version !== r.version) {
        const parsed = BranchConfig.safeParse(r.value);
        cached = { version: r.version, config: parsed.success ? parsed.data : null };
        this.#parsed.set(r.id, cached);
      }
      if (cached.config) out.push(cached.config);
    }
    for (const id of this.#parsed.keys()) if (!seen.has(id)) this.#parsed.delete(id);
    return out.sort((a, b) => (a.branch.id < b.branch.id ? -1 : 1));
  }

  /** [R1] The branches a query covers: configured, passing every filter, within the asker's reach. */
  async branches(query: ReportQuery, reach: ReportReach): Promise<BranchConfig[]> {
    const configs = await this.#configs();
    if (query.branchId !== undefined && 'all' in reach && !configs.some((c) => c.branch.id === query.branchId)) {
      throw new UnknownBranchError(query.branchId);
    }
    const reachable = 'all' in reach ? () => true : (id: string) => reach.branchIds.includes(id);
    return configs.filter(
      ({ branch: b }) =>
        reachable(b.id) &&
        (query.branchId === undefined || b.id === query.branchId) &&
        (query.provinceId === undefined || b.provincialOfficeId === query.provinceId) &&
        (query.branchType === undefined || b.type === query.branchType),
    );
  }

  /** [R8] The query's filters as lines of an export's subtitle: «استان: …», «نوع شعبه: ۲», «خدمت: …». */
  async filterLines(query: ReportQuery): Promise<LocalizedText[]> {
    const lines: LocalizedText[] = [];
    const both = (fa: string, en: string, name: LocalizedText | undefined, id: string): LocalizedText => ({
      fa: `${fa}: ${name?.fa ?? id}`,
      en: `${en}: ${name?.en ?? name?.fa ?? id}`,
    });
    const configs = await this.#configs();
    if (query.provinceId !== undefined) {
      const office = await this.#store.getRecord<{ name: LocalizedText }>('provincial-office', query.provinceId);
      lines.push(both('استان', 'Province', office?.value.name, query.provinceId));
    }
    if (query.branchId !== undefined) {
      const branch = configs.find((c) => c.branch.id === query.branchId)?.branch.name;
      lines.push(both('شعبه', 'Branch', branch, query.branchId));
    }
    if (query.branchType !== undefined) {
      lines.push({ fa: `نوع شعبه: ${toPersianDigits(query.branchType)}`, en: `Branch type: ${query.branchType}` });
    }
    if (query.serviceId !== undefined) {
      const id = query.serviceId;
      const title = configs.flatMap((c) => c.services).find((s) => s.id === id)?.title;
      lines.push(both('خدمت', 'Sub-service', title, id));
    }
    return lines;
  }

  /** [R1–R7] The report: both periods read as one stream of rollups and folded as they come. */
  async run(query: ReportQuery, reach: ReportReach): Promise<Report> {
    const selected = await this.branches(query, reach);
    const facts = new Map<string, BranchFacts>(
      selected.map((c) => [c.branch.id, { provinceId: c.branch.provincialOfficeId, type: c.branch.type }]),
    );
    const fold = new ReportFold(query.by, { from: query.from, to: query.to }, facts, query.compare);
    if (selected.length > 0) {
      const everyBranch = 'all' in reach && !query.branchId && !query.provinceId && query.branchType === undefined;
      const filter: HistoryFilter = {
        ...fold.readRange,
        ...(everyBranch ? {} : { branchIds: selected.map((c) => c.branch.id) }),
        ...(query.serviceId ? { serviceIds: [query.serviceId] } : {}),
      };
      for await (const row of this.#history.rollups(filter)) fold.add(row);
    }

    const names: Names = {
      branches: new Map(selected.map((c) => [c.branch.id, c])),
      offices: new Map(),
      users: new Map(),
      several: selected.length > 1,
    };
    if (query.by === 'province') {
      for (const r of await this.#store.listRecords<{ id: string; name: LocalizedText }>('provincial-office')) {
        names.offices.set(r.id, r.value.name);
      }
    }
    if (query.by === 'clerk') {
      for (const r of await this.#store.listRecords<{ name?: string }>('user')) {
        if (typeof r.value.name === 'string') names.users.set(r.id, r.value.name);
      }
    }
    const period = (range: { from: string; to: string }, result: ReturnType<typeof fold.current.result>) => ({
      from: range.from,
      to: range.to,
      total: result.total,
      rows: result.rows.map((g: GroupFigures): ReportRow => ({ ...g, label: labelOf(query.by, g.key, names) })),
    });
    return {
      by: query.by,
      branches: selected.map((c) => ({ id: c.branch.id, name: c.branch.name })),
      current: period({ from: query.from, to: query.to }, fold.current.result()),
      previous: fold.previous && fold.previousRange ? period(fold.previousRange, fold.previous.result()) : null,
    };
  }
}

// ---- [R8] The report as an export document.

const DIMENSION: Record<ReportDimension, LocalizedText & { en: string }> = {
  service: { fa: 'خدمت', en: 'Sub-service' },
  counter: { fa: 'باجه', en: 'Counter' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  hour: { fa: 'ساعت', en: 'Hour' },
  weekday: { fa: 'روز هفته', en: 'Weekday' },
  day: { fa: 'روز', en: 'Day' },
  branch: { fa: 'شعبه', en: 'Branch' },
  province: { fa: 'استان', en: 'Province' },
  'branch-type': { fa: 'نوع شعبه', en: 'Branch type' },
};

type Measure = {
  header: LocalizedText & { en: string };
  kind: DocColumn['kind'];
  value: (f: ReportFigures) => DocCell;
};

/** Decimal minutes (two decimals) of a time in ms; empty when there is none. */
export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 600) / 100);

const MEASURES: Measure[] = [
  { header: { fa: 'صادرشده', en: 'Issued' }, kind: 'int', value: (f) => f.issued },
  { header: { fa: 'فراخوانده', en: 'Called' }, kind: 'int', value: (f) => f.called },
  { header: { fa: 'خدمت‌گرفته', en: 'Served' }, kind: 'int', value: (f) => f.served },
  { header: { fa: 'حاضرنشده', en: 'No-show' }, kind: 'int', value: (f) => f.noShow },
  { header: { fa: 'ارجاع‌شده', en: 'Transferred' }, kind: 'int', value: (f) => f.transferred },
  { header: { fa: 'لغوشده', en: 'Cancelled' }, kind: 'int', value: (f) => f.cancelled },
  { header: { fa: 'معلق‌شده', en: 'Parked' }, kind: 'int', value: (f) => f.parked },
  { header: { fa: 'فراخوان دوباره', en: 'Recalls' }, kind: 'int', value: (f) => f.recalls },
  {
    header: { fa: 'میانگین انتظار (دقیقه)', en: 'Mean wait (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.wait.meanMs),
  },
  {
    header: { fa: 'میانهٔ انتظار (دقیقه)', en: 'Median wait (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.wait.medianMs),
  },
  {
    header: { fa: 'صدک ۹۰ انتظار (دقیقه)', en: '90th percentile wait (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.wait.p90Ms),
  },
  {
    header: { fa: 'سهم در زمان هدف', en: 'Within target' },
    kind: 'percent',
    value: (f) => f.wait.withinTargetShare,
  },
  {
    header: { fa: 'میانگین زمان خدمت (دقیقه)', en: 'Mean service time (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.serve.meanMs),
  },
  {
    header: { fa: 'میانهٔ زمان خدمت (دقیقه)', en: 'Median service time (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.serve.medianMs),
  },
  {
    header: { fa: 'صدک ۹۰ زمان خدمت (دقیقه)', en: '90th percentile service time (min)' },
    kind: 'minutes',
    value: (f) => minutes(f.serve.p90Ms),
  },
];

const byIndex = (i: number) => MEASURES[i] as Measure;
/** The measures the comparison shows: served, mean wait, within target, mean service time. */
const COMPARED = [byIndex(2), byIndex(8), byIndex(11), byIndex(12)];

function periodText(p: { from: string; to: string }, lang: Lang): string {
  return lang === 'fa'
    ? `از ${jalaliDay(p.from, 'fa')} تا ${jalaliDay(p.to, 'fa')}`
    : `From ${jalaliDay(p.from, 'en')} to ${jalaliDay(p.to, 'en')}`;
}

/** [R8] A report as an export document in one language. */
export function reportToDoc(
  report: Report,
  lang: Lang,
  opts: {
    madeAt?: number;
    timeZone?: string;
    /** The query's filters as lines (ReportService.filterLines), under the period. */
    filters?: readonly LocalizedText[];
  } = {},
): ExportDoc {
  const t = (x: LocalizedText) => localized(lang, x);
  const dim = DIMENSION[report.by];
  const dimName = lang === 'fa' ? dim.fa : dim.en.toLowerCase();
  const { current, previous } = report;
  const timeZone = opts.timeZone ?? 'Asia/Tehran';

  const names = report.branches.map((b) => t(b.name));
  const branchesLine =
    names.length === 0
      ? t({ fa: 'هیچ شعبه‌ای', en: 'No branch' })
      : names.length <= 5
        ? `${t({ fa: 'شعبه‌ها', en: 'Branches' })}: ${names.join(lang === 'fa' ? '، ' : ', ')}`
        : lang === 'fa'
          ? `${toPersianDigits(names.length)} شعبه`
          : `${names.length} branches`;
  const subtitle = [periodText(current, lang), ...(opts.filters ?? []).map(t), branchesLine];
  if (opts.madeAt !== undefined) {
    subtitle.push(
      lang === 'fa'
        ? `تهیه‌شده در ${jalaliDate(opts.madeAt, 'fa', timeZone)}، ساعت ${clockTime(opts.madeAt, 'fa', timeZone)}`
        : `Made on ${jalaliDate(opts.madeAt, 'en', timeZone)} at ${clockTime(opts.madeAt, 'en', timeZone)}`,
    );
  }

  const labels = current.rows.map((r) => t(r.label));
  const sections: DocSection[] = [
    {
      title: lang === 'fa' ? `به تفکیک ${dim.fa}` : `By ${dimName}`,
      columns: [{ header: t(dim), kind: 'text' }, ...MEASURES.map((m) => ({ header: t(m.header), kind: m.kind }))],
      rows: current.rows.map((r) => [t(r.label), ...MEASURES.map((m) => m.value(r.figures))]),
      total: [t({ fa: 'جمع', en: 'Total' }), ...MEASURES.map((m) => m.value(current.total))],
      charts: [
        {
          kind: report.by === 'hour' || report.by === 'day' ? 'line' : 'bar',
          title: lang === 'fa' ? `زمان انتظار (دقیقه) به تفکیک ${dim.fa}` : `Waiting time (min) by ${dimName}`,
          labels,
          series: [
            { name: t({ fa: 'میانگین', en: 'Mean' }), values: current.rows.map((r) => minutes(r.figures.wait.meanMs)) },
            {
              name: t({ fa: 'صدک ۹۰', en: '90th percentile' }),
              values: current.rows.map((r) => minutes(r.figures.wait.p90Ms)),
            },
          ],
        },
        {
          kind: 'bar',
          title: lang === 'fa' ? `خدمت‌گرفته‌ها به تفکیک ${dim.fa}` : `Served by ${dimName}`,
          labels,
          series: [{ name: t({ fa: 'خدمت‌گرفته', en: 'Served' }), values: current.rows.map((r) => r.figures.served) }],
        },
      ],
    },
  ];
  if (previous) sections.push(comparison(report.by, current, previous, lang));

  return {
    lang,
    fileName: `nobat-report-${report.by}-${current.from}-${current.to}`,
    title: lang === 'fa' ? `گزارش عملکرد به تفکیک ${dim.fa}` : `Performance report by ${dimName}`,
    subtitle,
    timeZone,
    sections,
  };
}

/** [R8] This period against the last, row by row (a day against the day a period's length before it). */
function comparison(by: ReportDimension, current: ReportPeriod, previous: ReportPeriod, lang: Lang): DocSection {
  const t = (x: LocalizedText) => localized(lang, x);
  const shift = daysIn(current.from, current.to);
  const previousKey = (key: string) => (by === 'day' ? addDays(key, -shift) : key);
  const before = new Map(previous.rows.map((r) => [r.key, r]));
  const pairs: [string, ReportFigures | null, ReportFigures | null][] = current.rows.map((r) => {
    const p = before.get(previousKey(r.key));
    before.delete(previousKey(r.key));
    return [t(r.label), r.figures, p?.figures ?? null];
  });
  // Groups seen only before (a day's row has its place only in the period it belongs to).
  if (by !== 'day') for (const r of before.values()) pairs.push([t(r.label), null, r.figures]);
  const cells = (now: ReportFigures | null, then: ReportFigures | null): DocCell[] =>
    COMPARED.flatMap((m) => [now ? m.value(now) : null, then ? m.value(then) : null]);
  const thisP = t({ fa: 'این دوره', en: 'this period' });
  const lastP = t({ fa: 'دورهٔ پیش', en: 'previous period' });
  return {
    title:
      lang === 'fa'
        ? `مقایسه با دورهٔ پیش (${periodText(previous, 'fa')})`
        : `Against the previous period (${periodText(previous, 'en').replace(/^From/, 'from')})`,
    columns: [
      { header: t(DIMENSION[by]), kind: 'text' },
      ...COMPARED.flatMap((m): DocColumn[] => [
        { header: `${t(m.header)} — ${thisP}`, kind: m.kind },
        { header: `${t(m.header)} — ${lastP}`, kind: m.kind },
      ]),
    ],
    rows: pairs.map(([label, now, then]) => [label, ...cells(now, then)]),
    total: [t({ fa: 'جمع', en: 'Total' }), ...cells(current.total, previous.total)],
  };
}
