// The directives' reports, made by themselves (server/SPEC.md DR1–DR6): on the 1st of each Jalali
// month (Tehran) the monthly CRM report of every branch and province for the month before; on the 1st
// of each Jalali quarter the quarterly performance report of every branch. Each is made once per id
// (the history keeps the first), and a tick made late — a server down on the due day — makes what
// was missed. The reports' figures come from the report runner (history/reports.ts), so they read
// the same as every other report.
import {
  BranchConfig,
  type DirectiveReportKind,
  type DirectiveReportMeta,
  jalaliMonthKey,
  jalaliMonthOf,
  jalaliMonthRange,
  jalaliQuarterKey,
  jalaliQuarterOf,
  jalaliQuarterRange,
  type LocalizedText,
  type ReportQuery,
  type ReportRow,
} from '@nobat/protocol';
import {
  DIRECTIVE_LEVELS,
  DIRECTIVE_TIME_ZONE,
  type DirectiveData,
  type DirectivePeriod,
  deskSetup,
  directiveReportId,
  duePeriods,
  NOT_YET_HELD,
  type PeriodRef,
  quarterlyRows,
  type ScopeInfo,
} from '../domain/directive-reports.ts';
import { localDay } from '../domain/local-time.ts';
import { SurveyResultsBuilder } from '../domain/survey.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/port.ts';
import { surveysIn } from '../survey/store.ts';
import type { HistoryStore, ReportReach, ReportRunner, StoredReport } from './port.ts';

export { directiveToDoc } from './directive-doc.ts';

/** What the service needs of the history: its reports, and which days are archived (final). */
export type ReportHistory = Pick<HistoryStore, 'putReport' | 'getReport' | 'listReports' | 'archived' | 'archivedDays'>;

export interface DirectiveReportsOptions {
  /** The live store: branch and provincial-office records, and the days that still have a live log. */
  store: Pick<Store, 'listRecords' | 'listDays'>;
  history: ReportHistory;
  runner: ReportRunner;
  clock: () => number;
  logger: Logger;
  /** How often `start` ticks (ms); default a quarter of an hour. */
  intervalMs?: number;
}

interface Scope {
  info: ScopeInfo;
  configs: BranchConfig[];
}

interface Tree {
  branches: Scope[];
  provinces: Scope[];
}

const GENERATOR: ReportReach = { all: true };

export class DirectiveReports {
  private readonly o: Required<DirectiveReportsOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;
  /** Ids this instance knows are stored: not asked of the history again. */
  private readonly stored = new Set<string>();

  constructor(options: DirectiveReportsOptions) {
    this.o = { intervalMs: 15 * 60_000, ...options };
  }

  /** Ticks now and then every `intervalMs` (the timer does not hold the process open). */
  start(): void {
    if (this.timer) return;
    const run = () => {
      this.tick().catch((err) => this.o.logger.error({ err }, 'directive reports: tick failed'));
    };
    this.timer = setInterval(run, this.o.intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * [DR3][DR4] Makes every report due today (Tehran) and not yet stored; the ids it stored. One tick
   * at a time in a process; across processes the history keeps the first of an id (DR5).
   */
  tick(): Promise<string[]> {
    this.running ??= this.generate().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async generate(): Promise<string[]> {
    const today = localDay(this.o.clock(), DIRECTIVE_TIME_ZONE);
    const periods = duePeriods(today);
    const tree = await this.tree();
    const liveDays = new Map<string, string[]>();
    const firstDays = new Map<string, string | null>();
    const made: string[] = [];
    for (const period of periods) {
      for (const level of DIRECTIVE_LEVELS[period.kind]) {
        for (const scope of level === 'branch' ? tree.branches : tree.provinces) {
          const id = directiveReportId(period.kind, period.jalali, level, scope.info.id);
          try {
            if (this.stored.has(id)) continue;
            if (await this.o.history.getReport(id)) {
              this.stored.add(id);
              continue;
            }
            // [DR4] A scope with no day of its own by the period's end (a new install, a branch opened
            // later) has nothing to report for it: no empty report is made.
            if (!(await this.begunBy(scope, period.to, liveDays, firstDays))) continue;
            const unarchived = await this.unarchivedDays(scope, period, liveDays);
            if (unarchived.length > 0 && today < period.forceDay) {
              this.o.logger.debug({ id, unarchived }, 'directive report waits for its days to be archived');
              continue;
            }
            const data = await this.build(period, scope, unarchived);
            const stored = await this.o.history.putReport({
              id,
              kind: period.kind,
              scope: { level, id: scope.info.id },
              period: { from: period.from, to: period.to, jalali: period.jalali },
              generatedAt: new Date(this.o.clock()).toISOString(),
              data,
            });
            this.stored.add(id);
            if (stored) {
              made.push(id);
              this.o.logger.info({ id, unarchived: unarchived.length }, 'directive report made');
            }
          } catch (err) {
            // One scope's failure leaves the others; the next tick tries it again.
            this.o.logger.error({ err, id }, 'directive report failed');
          }
        }
      }
    }
    return made;
  }

  /** Whether any branch of the scope has a day (live or archived) on or before `day`. */
  private async begunBy(
    scope: Scope,
    day: string,
    live: Map<string, string[]>,
    first: Map<string, string | null>,
  ): Promise<boolean> {
    for (const c of scope.configs) {
      const branchId = c.branch.id;
      let f = first.get(branchId);
      if (f === undefined) {
        let days = live.get(branchId);
        if (!days) {
          days = await this.o.store.listDays(branchId);
          live.set(branchId, days);
        }
        const archived = (await this.o.history.archivedDays(branchId))[0];
        const candidates = [days[0], archived].filter((d): d is string => d !== undefined).sort();
        f = candidates[0] ?? null;
        first.set(branchId, f);
      }
      if (f !== null && f <= day) return true;
    }
    return false;
  }

  /** [DR4] Days of the period with a live log that the history does not hold final yet. */
  private async unarchivedDays(scope: Scope, period: DirectivePeriod, cache: Map<string, string[]>) {
    const out: string[] = [];
    for (const c of scope.configs) {
      const branchId = c.branch.id;
      let days = cache.get(branchId);
      if (!days) {
        days = await this.o.store.listDays(branchId);
        cache.set(branchId, days);
      }
      for (const day of days) {
        if (day < period.from || day > period.to) continue;
        if (!(await this.o.history.archived(branchId, day))?.final) out.push(`${branchId}/${day}`);
      }
    }
    return out;
  }

  /** The branches (valid configurations) and the provinces that have any, from the live store. */
  private async tree(): Promise<Tree> {
    const offices = new Map<string, LocalizedText>();
    for (const r of await this.o.store.listRecords<{ id?: string; name?: LocalizedText }>('provincial-office')) {
      if (r.value.name) offices.set(r.id, r.value.name);
    }
    const branches: Scope[] = [];
    const byOffice = new Map<string, BranchConfig[]>();
    for (const r of await this.o.store.listRecords<unknown>('branch')) {
      const parsed = BranchConfig.safeParse(r.value);
      if (!parsed.success) {
        this.o.logger.warn({ branchId: r.id }, 'directive reports: a branch configuration does not validate');
        continue;
      }
      const c = parsed.data;
      const officeId = c.branch.provincialOfficeId;
      const province = offices.get(officeId) ?? { fa: officeId };
      branches.push({
        info: { level: 'branch', id: c.branch.id, name: c.branch.name, province, branchType: c.branch.type },
        configs: [c],
      });
      byOffice.set(officeId, [...(byOffice.get(officeId) ?? []), c]);
    }
    const provinces: Scope[] = [...byOffice].map(([id, configs]) => {
      const name = offices.get(id) ?? { fa: id };
      return { info: { level: 'province', id, name, province: name, branchType: null }, configs };
    });
    const byId = (a: Scope, b: Scope) => (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0);
    return { branches: branches.sort(byId), provinces: provinces.sort(byId) };
  }

  /** [SU6][DR2] The branch's survey answers of the quarter by axis; null when no one answered. */
  private async quarterSurvey(branchId: string, period: { from: string; to: string }) {
    const builder = new SurveyResultsBuilder('axis');
    for await (const r of surveysIn(this.o.store, period.from, period.to, [branchId])) builder.add(r);
    const out = builder.result({ service: (id) => ({ fa: id }), clerk: (id) => ({ fa: id }) });
    return out.answers === 0 ? null : { answers: out.answers, byAxis: out.rows };
  }

  /** [DR1][DR2] A report's content, from report runs over its scope. */
  private async build(period: DirectivePeriod, scope: Scope, unarchivedDays: string[]): Promise<DirectiveData> {
    const filter: Pick<ReportQuery, 'branchId' | 'provinceId'> =
      scope.info.level === 'branch' ? { branchId: scope.info.id } : { provinceId: scope.info.id };
    const run = async (range: { from: string; to: string }, by: ReportQuery['by']) =>
      this.o.runner.run({ ...range, ...filter, by, compare: false }, GENERATOR);
    const ref: PeriodRef = { jalali: period.jalali, from: period.from, to: period.to };
    const previous = previousRef(period);
    const previousTotal = (await run(previous, 'weekday')).current.total;
    const current = (by: ReportQuery['by']) => run(period, by).then((r) => r.current);
    const byService = await current('service');
    const rows = async (by: ReportQuery['by'], when: boolean): Promise<ReportRow[]> =>
      when ? (await current(by)).rows : [];
    if (period.kind === 'crm-monthly') {
      const branch = scope.info.level === 'branch';
      return {
        kind: 'crm-monthly',
        version: 1,
        scope: scope.info,
        period: ref,
        previousPeriod: previous,
        setup: deskSetup(scope.configs, scope.info.level),
        total: byService.total,
        previousTotal,
        byService: byService.rows,
        byDay: await rows('day', true),
        byHour: await rows('hour', true),
        byWeekday: await rows('weekday', true),
        byCounter: await rows('counter', branch),
        byClerk: await rows('clerk', branch),
        byBranch: await rows('branch', !branch),
        notYetHeld: NOT_YET_HELD,
        unarchivedDays,
      };
    }
    const config = scope.configs[0];
    if (!config) throw new Error(`quarterly report of ${scope.info.id}: no branch configuration`);
    return {
      kind: 'quarterly',
      version: 1,
      scope: scope.info,
      period: ref,
      previousPeriod: previous,
      total: byService.total,
      previousTotal,
      services: quarterlyRows(config, byService.rows),
      survey: await this.quarterSurvey(scope.info.id, period),
      notYetHeld: NOT_YET_HELD,
      unarchivedDays,
    };
  }

  /**
   * [DR6] The stored reports an asker may see, newest period first, with their scopes' names:
   * everything for an admin (`{all:true}`), a supervisor's branch's own reports only.
   */
  async list(filter: { kind?: DirectiveReportKind | undefined; limit: number }, reach: ReportReach) {
    const scopeIds = 'all' in reach ? undefined : reach.branchIds;
    if (scopeIds && scopeIds.length === 0) return [];
    const metas = await this.o.history.listReports({
      limit: filter.limit,
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(scopeIds ? { scopeIds } : {}),
    });
    const names = await this.names();
    return metas
      .filter((m) => !scopeIds || m.scope.level === 'branch')
      .map(
        (m): DirectiveReportMeta => ({
          id: m.id,
          kind: m.kind,
          scope: { ...m.scope, name: names.get(`${m.scope.level}/${m.scope.id}`) ?? { fa: m.scope.id } },
          period: m.period,
          generatedAt: m.generatedAt,
        }),
      );
  }

  /** [DR6] A stored report within the asker's reach; undefined for an unknown id or one outside it. */
  async get(id: string, reach: ReportReach): Promise<StoredReport | undefined> {
    const report = await this.o.history.getReport(id);
    if (!report) return undefined;
    if ('all' in reach) return report;
    return report.scope.level === 'branch' && reach.branchIds.includes(report.scope.id) ? report : undefined;
  }

  /** The name of a report's scope as it is now (the branch's or office's record). */
  async scopeName(scope: { level: 'branch' | 'province'; id: string }): Promise<LocalizedText | undefined> {
    return (await this.names()).get(`${scope.level}/${scope.id}`);
  }

  private async names(): Promise<Map<string, LocalizedText>> {
    const names = new Map<string, LocalizedText>();
    for (const r of await this.o.store.listRecords<{ name?: LocalizedText }>('provincial-office')) {
      if (r.value.name) names.set(`province/${r.id}`, r.value.name);
    }
    for (const r of await this.o.store.listRecords<{ branch?: { name?: LocalizedText } }>('branch')) {
      const name = r.value.branch?.name;
      if (name) names.set(`branch/${r.id}`, name);
    }
    return names;
  }
}

/** The period before a report's: the month or quarter before. */
function previousRef(period: DirectivePeriod): PeriodRef {
  // The day before the period's first is in the period before; its range is that month's or quarter's.
  const dayBefore = new Date(Date.parse(`${period.from}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return periodOf(period.kind, dayBefore);
}

function periodOf(kind: DirectiveReportKind, day: string): PeriodRef {
  if (kind === 'crm-monthly') {
    const { jy, jm } = jalaliMonthOf(day);
    return { jalali: jalaliMonthKey(jy, jm), ...jalaliMonthRange(jy, jm) };
  }
  const { jy, q } = jalaliQuarterOf(day);
  return { jalali: jalaliQuarterKey(jy, q), ...jalaliQuarterRange(jy, q) };
}
