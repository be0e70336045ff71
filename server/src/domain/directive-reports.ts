// The directives' reports (server/SPEC.md DR1–DR6), the pure part: which periods are due on a local
// day, their ids, and what each report holds, assembled from report runs and the configuration.
// history/directive-reports.ts does the reading, running and storing.
import {
  type BranchConfig,
  type DurationUnit,
  fromJalali,
  jalaliMonthKey,
  jalaliMonthRange,
  jalaliQuarterKey,
  jalaliQuarterRange,
  type LocalizedText,
  previousJalaliMonth,
  previousJalaliQuarter,
  type ReportFigures,
  type ReportRow,
  type SurveyResultRow,
  toJalali,
  type WorkflowStep,
} from '@nobat/protocol';

export type DirectiveKind = 'crm-monthly' | 'quarterly';
export type ScopeLevel = 'branch' | 'province';

/** The zone the directives' calendar is kept in: a month starts at Tehran's midnight. */
export const DIRECTIVE_TIME_ZONE = 'Asia/Tehran';

/** [DR4] How far back a tick looks: the two months and the one quarter before today's. */
export const LOOKBACK_MONTHS = 2;
export const LOOKBACK_QUARTERS = 1;
/**
 * [DR4] From this day of the month (or quarter's first month) a due report is made even while days of
 * its period are not yet archived final, so it is there before the CRM's 5th; it says which days.
 */
export const FORCE_FROM_DAY = 3;

export interface DirectivePeriod {
  kind: DirectiveKind;
  /** "1405-08" or "1405-Q3". */
  jalali: string;
  from: string;
  to: string;
  /** The local day it falls due: the 1st of the next month or quarter. */
  dueDay: string;
  /** The local day from which it is made whether or not every day is archived. */
  forceDay: string;
}

/**
 * [DR3][DR4] The periods due on a local day (Tehran): the months and quarters that ended before it,
 * within the lookback, newest first. Nothing of a month is due before its next month's 1st.
 */
export function duePeriods(today: string): DirectivePeriod[] {
  const { jy, jm } = toJalali(today);
  const out: DirectivePeriod[] = [];
  let cur = { jy, jm };
  for (let i = 0; i < LOOKBACK_MONTHS; i++) {
    const dueDay = fromJalali(cur.jy, cur.jm, 1);
    const p = previousJalaliMonth(cur.jy, cur.jm);
    out.push({
      kind: 'crm-monthly',
      jalali: jalaliMonthKey(p.jy, p.jm),
      ...jalaliMonthRange(p.jy, p.jm),
      dueDay,
      forceDay: fromJalali(cur.jy, cur.jm, FORCE_FROM_DAY),
    });
    cur = p;
  }
  let q = { jy, q: Math.ceil(jm / 3) };
  for (let i = 0; i < LOOKBACK_QUARTERS; i++) {
    const first = (q.q - 1) * 3 + 1;
    const p = previousJalaliQuarter(q.jy, q.q);
    out.push({
      kind: 'quarterly',
      jalali: jalaliQuarterKey(p.jy, p.q),
      ...jalaliQuarterRange(p.jy, p.q),
      dueDay: fromJalali(q.jy, first, 1),
      forceDay: fromJalali(q.jy, first, FORCE_FROM_DAY),
    });
    q = p;
  }
  return out;
}

/** [DR3] One id per kind, period and scope: `crm-monthly/1405-08/branch/<id>`. */
export const directiveReportId = (kind: DirectiveKind, jalali: string, level: ScopeLevel, id: string): string =>
  `${kind}/${jalali}/${level}/${id}`;

/** [DR1][DR2] Which scopes a kind is made for: the monthly CRM for branches and provinces, the quarterly for branches. */
export const DIRECTIVE_LEVELS: Record<DirectiveKind, readonly ScopeLevel[]> = {
  'crm-monthly': ['branch', 'province'],
  quarterly: ['branch'],
};

// ---- What the reports hold (their `data`, stored as JSON). -----------------------------------------

export interface ScopeInfo {
  level: ScopeLevel;
  id: string;
  name: LocalizedText;
  /** A branch's provincial office; a province's own name again. */
  province: LocalizedText;
  /** A branch's type (SSO 1–5); null for a province. */
  branchType: number | null;
}

/** [DR1] A counter and the sub-services on its signboard (SSO circular, تبصره ۳). */
export interface CounterSign {
  number: number;
  title: LocalizedText;
  services: LocalizedText[];
}

/** [DR1] A sub-service's published information package (guide no. 2, step 4; directive item 2), what of it exists. */
export interface InfoPackageCheck {
  serviceId: string;
  title: LocalizedText;
  averageDuration: { value: number; unit: DurationUnit };
  workflowSteps: number;
  requiredDocuments: number;
  fees: number;
  hasComplaintRoute: boolean;
  hasResponsibleContact: boolean;
}

/** [DR1] How the desk is set up, from the configuration when the report was made. */
export interface DeskSetup {
  branches: number;
  /** Active counters, and active sub-services placed at them. */
  counters: number;
  subServices: number;
  clerks: number;
  /** A branch's counters and their signboards (empty for a province). */
  signs: CounterSign[];
  /** A branch's sub-services' information packages (empty for a province). */
  infoPackages: InfoPackageCheck[];
}

/**
 * [DR1] What the directives ask that Nobat does not hold yet: null until a module records it. Each is
 * a section of the report, shown as not yet recorded.
 */
export interface NotYetHeld {
  /** The satisfaction survey (جدول ۵). */
  survey: null;
  /** Complaints received and answered. */
  complaints: null;
  /** Requests made through the electronic desk. */
  electronicRequests: null;
  /** Responses from the back office (جدول ۲'s date back from the last stage; جدول ۴). */
  backOfficeResponses: null;
}
export const NOT_YET_HELD: NotYetHeld = {
  survey: null,
  complaints: null,
  electronicRequests: null,
  backOfficeResponses: null,
};

export interface PeriodRef {
  jalali: string;
  from: string;
  to: string;
}

/** [DR1] The monthly CRM report of a branch or a province. */
export interface CrmMonthlyData {
  kind: 'crm-monthly';
  version: 1;
  scope: ScopeInfo;
  period: PeriodRef;
  previousPeriod: PeriodRef;
  setup: DeskSetup;
  total: ReportFigures;
  /** The month before's totals, for comparison. */
  previousTotal: ReportFigures;
  byService: ReportRow[];
  byDay: ReportRow[];
  byHour: ReportRow[];
  byWeekday: ReportRow[];
  /** A branch's; empty for a province. */
  byCounter: ReportRow[];
  byClerk: ReportRow[];
  /** A province's branches; empty for a branch. */
  byBranch: ReportRow[];
  notYetHeld: NotYetHeld;
  /** Days of the period with a log not yet archived final when it was made (DR4): their figures may be short. */
  unarchivedDays: string[];
}

/** [DR2] The agreed durations of a sub-service (جدول ۱ and its information package), in minutes too. */
export interface AgreedDurations {
  averageDuration: { value: number; unit: DurationUnit };
  averageMinutes: number;
  workflow: WorkflowStep[];
  /** The workflow steps' durations summed, in minutes; null when there is no workflow table. */
  workflowMinutes: number | null;
}

export interface QuarterlyServiceRow {
  serviceId: string;
  title: LocalizedText;
  agreed: AgreedDurations;
  figures: ReportFigures;
  /** Mean serving time at the desk against the agreed average duration (actual / agreed); null without either. */
  serveToAgreed: number | null;
}

/** [SU6] The survey's answers of a quarter: how many, and the mean and distribution of each axis. */
export interface QuarterlySurvey {
  answers: number;
  byAxis: SurveyResultRow[];
}

/** [DR2] The quarterly performance report of a branch, per sub-service. */
export interface QuarterlyData {
  kind: 'quarterly';
  version: 1;
  scope: ScopeInfo;
  period: PeriodRef;
  previousPeriod: PeriodRef;
  total: ReportFigures;
  previousTotal: ReportFigures;
  services: QuarterlyServiceRow[];
  /** [SU6] The satisfaction survey's results of the quarter by axis (جدول ۵); null when no one answered. */
  survey: QuarterlySurvey | null;
  notYetHeld: NotYetHeld;
  unarchivedDays: string[];
}

export type DirectiveData = CrmMonthlyData | QuarterlyData;

const UNIT_MINUTES: Record<DurationUnit, number> = {
  minute: 1,
  hour: 60,
  day: 24 * 60,
  week: 7 * 24 * 60,
  month: 30 * 24 * 60,
};

/** [DR2] A duration in minutes (a month counted as 30 days, as جدول ۲'s promised date does). */
export const durationMinutes = (value: number, unit: DurationUnit): number => value * UNIT_MINUTES[unit];

/** [DR1] The desk's setup from branch configurations (one for a branch, its province's for a province). */
export function deskSetup(configs: readonly BranchConfig[], level: ScopeLevel): DeskSetup {
  const active = (c: BranchConfig) => {
    const counters = c.counters.filter((k) => k.active);
    const placed = new Set(counters.flatMap((k) => k.services.map((s) => s.serviceId)));
    const services = c.services.filter((s) => s.active && placed.has(s.id));
    return { counters, services };
  };
  let counters = 0;
  let subServices = 0;
  let clerks = 0;
  for (const c of configs) {
    const a = active(c);
    counters += a.counters.length;
    subServices += a.services.length;
    clerks += c.clerks.filter((k) => k.active).length;
  }
  const only = level === 'branch' ? configs[0] : undefined;
  const signs: CounterSign[] = [];
  const infoPackages: InfoPackageCheck[] = [];
  if (only) {
    const titles = new Map(only.services.map((s) => [s.id, s.title]));
    for (const k of [...active(only).counters].sort((a, b) => a.number - b.number)) {
      signs.push({
        number: k.number,
        title: k.title,
        services: k.services.flatMap((s) => {
          const t = titles.get(s.serviceId);
          return t ? [t] : [];
        }),
      });
    }
    for (const s of active(only).services) {
      infoPackages.push({
        serviceId: s.id,
        title: s.title,
        averageDuration: s.info.averageDuration,
        workflowSteps: s.workflow.length,
        requiredDocuments: s.info.requiredDocuments.length,
        fees: s.info.fees.length,
        hasComplaintRoute: s.info.complaintRoute !== undefined,
        hasResponsibleContact: Boolean(s.info.responsible.phone || s.info.responsible.email),
      });
    }
  }
  return { branches: configs.length, counters, subServices, clerks, signs, infoPackages };
}

/** [DR2] A sub-service's agreed durations. */
export function agreedDurations(service: BranchConfig['services'][number]): AgreedDurations {
  const { value, unit } = service.info.averageDuration;
  return {
    averageDuration: { value, unit },
    averageMinutes: durationMinutes(value, unit),
    workflow: service.workflow,
    workflowMinutes: service.workflow.length
      ? service.workflow.reduce((sum, s) => sum + durationMinutes(s.duration, s.durationUnit), 0)
      : null,
  };
}

/**
 * [DR2] The quarterly rows: every sub-service of the branch (active or with visits in the quarter),
 * its agreed durations beside its figures; a sub-service without visits has zero figures.
 */
export function quarterlyRows(config: BranchConfig, byService: readonly ReportRow[]): QuarterlyServiceRow[] {
  const rows = new Map(byService.map((r) => [r.key, r]));
  return config.services
    .filter((s) => s.active || rows.has(s.id))
    .map((s) => {
      const row = rows.get(s.id);
      const figures = row?.figures ?? emptyFigures();
      const agreed = agreedDurations(s);
      const mean = figures.serve.meanMs;
      return {
        serviceId: s.id,
        title: s.title,
        agreed,
        figures,
        serveToAgreed: mean !== null && agreed.averageMinutes > 0 ? mean / 60_000 / agreed.averageMinutes : null,
      };
    });
}

export function emptyFigures(): ReportFigures {
  const time = { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  return {
    issued: 0,
    called: 0,
    served: 0,
    noShow: 0,
    transferred: 0,
    cancelled: 0,
    parked: 0,
    recalls: 0,
    wait: { ...time, withinTarget: 0, withinTargetShare: null },
    serve: { ...time },
  };
}
