// «گزارش‌ها» (issue 14 point 2; server/SPEC.md R1–R9): a Jalali month or range, filters (a
// supervisor's report is their own branch's), the dimension, the figures in tables with totals, this
// period against the previous, charts, and the report as CSV, Excel and PDF.
import { buttonClass, Field } from '@nobat/client/preact';
import {
  type BranchListItem,
  ConfigEnvelope,
  type ExportFormat,
  jalaliMonthKey,
  jalaliMonthName,
  jalaliPeriodLabel,
  jalaliShortDate,
  type Lang,
  localDigits,
  localized,
  ProvincialOfficeView,
  type Report,
  type ReportDimension,
  type ReportFigures,
  type ReportRow,
  type SessionUser,
} from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { api } from '../api.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { type ReportRequest, reportExportUrl, reportQueryString, reportsApi } from './api.ts';
import { ReportChart, type Series } from './chart.tsx';
import { COMPARE_KEYS, type CompareKey, delta, figure } from './compare.ts';
import {
  jalaliInput,
  lastFullMonth,
  localToday,
  type PeriodChoice,
  parseJalaliInput,
  periodDays,
  yearsUpTo,
} from './period.ts';
import { SurveyResultsSection } from './survey.tsx';
import { UnitEvaluationSection } from './units.tsx';
import { minutes, num, percent, type ReportsWord, t } from './words.ts';
import './reports.css';

const ALL_DIMENSIONS: ReportDimension[] = [
  'service',
  'counter',
  'clerk',
  'hour',
  'weekday',
  'day',
  'branch',
  'province',
  'branch-type',
];
/** A supervisor's report is one branch: no branch, province or grade to compare. */
const BRANCH_DIMENSIONS: ReportDimension[] = ['service', 'counter', 'clerk', 'hour', 'weekday', 'day'];
const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];
/** Dimensions along time: upright bars in time order; the others are names, drawn as bars across. */
const TIME_DIMENSIONS: ReportDimension[] = ['hour', 'weekday', 'day'];
const COLOURS = { served: '#0b5fa5', noShow: '#b42318', mean: '#1e6b3a', p90: '#a16207', previous: '#7b2d8e' };

const noon = (day: string) => `${day}T12:00:00Z`;
const shortDate = (lang: Lang, day: string) => jalaliShortDate(noon(day), lang, 'UTC');

/** A row's name in the reader's language: the server's label (R4), but a grade as the console calls it. */
export function rowLabel(lang: Lang, by: ReportDimension, row: Pick<ReportRow, 'key' | 'label'>): string {
  if (by === 'branch-type' && /^\d$/.test(row.key)) return t(lang, 'gradeN', { n: localDigits(lang, row.key) });
  return localized(lang, row.label);
}

type Draft = {
  period: 'month' | 'range';
  jy: number;
  jm: number;
  fromText: string;
  toText: string;
  provinceId: string;
  branchId: string;
  branchType: string;
  serviceId: string;
};

export function ReportsPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user } = props;
  const supervisor = user.role !== 'admin';
  const today = useMemo(() => localToday(Date.now()), []);
  const initial = useMemo(() => lastFullMonth(today), [today]);
  const branches = useLoad(loadBranches, []);
  const offices = useLoad(
    () =>
      supervisor
        ? Promise.resolve([] as ProvincialOfficeView[])
        : api.get(z.array(ProvincialOfficeView), '/api/v1/admin/provincial-offices'),
    [supervisor],
  );
  const firstRange = periodDays({ kind: 'month', ...initial });
  const [draft, setDraft] = useState<Draft>({
    period: 'month',
    jy: initial.jy,
    jm: initial.jm,
    fromText: jalaliInput(firstRange.from, lang),
    toText: jalaliInput(firstRange.to, lang),
    provinceId: '',
    branchId: supervisor ? (user.branchId ?? '') : '',
    branchType: '',
    serviceId: '',
  });
  const [rangeError, setRangeError] = useState<{ from?: ReportsWord; to?: ReportsWord }>({});
  const [by, setBy] = useState<ReportDimension>('service');
  const [applied, setApplied] = useState<{ choice: PeriodChoice; filters: Omit<ReportRequest, 'from' | 'to' | 'by'> }>(
    () => ({
      choice: { kind: 'month', ...initial },
      filters: { branchId: supervisor ? (user.branchId ?? undefined) : undefined },
    }),
  );
  const request: ReportRequest = { ...periodDays(applied.choice), ...applied.filters, by };
  const queryString = reportQueryString(request);
  const report = useLoad(() => reportsApi.report(request), [queryString]);

  // The sub-services of the chosen branch (a supervisor's own), for the service filter.
  const config = useLoad(
    () =>
      draft.branchId
        ? api.get(ConfigEnvelope, `/api/v1/admin/branches/${encodeURIComponent(draft.branchId)}`)
        : Promise.resolve(null),
    [draft.branchId],
  );
  const services = config.data?.config.services ?? [];
  const officeList = offices.data ?? [];
  const branchList = (branches.data ?? []).filter(
    (b) => !draft.provinceId || b.provincialOfficeId === draft.provinceId,
  );
  const grades = [...new Set((branches.data ?? []).map((b) => b.type))].sort((a, b) => a - b);
  const ownBranch = (branches.data ?? []).find((b) => b.id === user.branchId);
  const dimensions = supervisor ? BRANCH_DIMENSIONS : ALL_DIMENSIONS;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const apply = (e?: Event) => {
    e?.preventDefault();
    let choice: PeriodChoice;
    if (draft.period === 'month') choice = { kind: 'month', jy: draft.jy, jm: draft.jm };
    else {
      const from = parseJalaliInput(draft.fromText);
      const to = parseJalaliInput(draft.toText);
      const errors: { from?: ReportsWord; to?: ReportsWord } = {};
      if (!from) errors.from = 'badDate';
      if (!to) errors.to = 'badDate';
      if (from && to && from > to) errors.to = 'badOrder';
      setRangeError(errors);
      if (!from || !to || errors.to) return;
      choice = { kind: 'range', from, to };
    }
    setRangeError({});
    setApplied({
      choice,
      filters: {
        provinceId: supervisor ? undefined : draft.provinceId || undefined,
        branchId: draft.branchId || undefined,
        branchType: supervisor || !draft.branchType ? undefined : Number(draft.branchType),
        serviceId: draft.serviceId || undefined,
      },
    });
  };

  const periodTitle =
    applied.choice.kind === 'month'
      ? jalaliPeriodLabel(jalaliMonthKey(applied.choice.jy, applied.choice.jm), lang)
      : t(lang, 'periodLine', {
          from: shortDate(lang, applied.choice.from),
          to: shortDate(lang, applied.choice.to),
        });

  return (
    <div class="reports" data-testid="reports-page" data-query={queryString}>
      <PageHead title={t(lang, 'title')} intro={t(lang, 'intro')} />
      <section class="page-section" aria-labelledby="reports-period">
        <h2 id="reports-period">{t(lang, 'periodTitle')}</h2>
        <form class="reports-form" onSubmit={apply} data-testid="reports-form">
          <fieldset class="reports-kind">
            <legend class="ui-field__label">{t(lang, 'periodKind')}</legend>
            {(['month', 'range'] as const).map((k) => (
              <label key={k} class="ui-check">
                <input
                  type="radio"
                  name="period"
                  value={k}
                  checked={draft.period === k}
                  data-testid={`period-${k}`}
                  onChange={() => set({ period: k })}
                />
                <span>{t(lang, k === 'month' ? 'aMonth' : 'aRange')}</span>
              </label>
            ))}
          </fieldset>
          {draft.period === 'month' ? (
            <>
              <Field label={t(lang, 'year')}>
                {(f) => (
                  <select
                    {...f}
                    value={draft.jy}
                    data-testid="report-year"
                    onChange={(e) => set({ jy: Number(e.currentTarget.value) })}
                  >
                    {yearsUpTo(today).map((y) => (
                      <option key={y} value={y}>
                        {lang === 'fa' ? localDigits('fa', String(y)) : y}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t(lang, 'month')}>
                {(f) => (
                  <select
                    {...f}
                    value={draft.jm}
                    data-testid="report-month"
                    onChange={(e) => set({ jm: Number(e.currentTarget.value) })}
                  >
                    {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                      <option key={m} value={m}>
                        {jalaliMonthName(m, lang)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          ) : (
            <>
              <Field
                label={t(lang, 'from')}
                hint={t(lang, 'dateHint')}
                error={rangeError.from ? t(lang, rangeError.from) : null}
              >
                {(f) => (
                  <input
                    {...f}
                    dir="ltr"
                    inputMode="numeric"
                    value={draft.fromText}
                    data-testid="report-from"
                    onInput={(e) => set({ fromText: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field
                label={t(lang, 'to')}
                hint={t(lang, 'dateHint')}
                error={rangeError.to ? t(lang, rangeError.to) : null}
              >
                {(f) => (
                  <input
                    {...f}
                    dir="ltr"
                    inputMode="numeric"
                    value={draft.toText}
                    data-testid="report-to"
                    onInput={(e) => set({ toText: e.currentTarget.value })}
                  />
                )}
              </Field>
            </>
          )}
          {supervisor ? (
            <p class="reports-own" data-testid="report-own-branch">
              {t(lang, 'yourBranch', { name: ownBranch ? localized(lang, ownBranch.name) : (user.branchId ?? '') })}
            </p>
          ) : (
            <>
              <Field label={t(lang, 'province')}>
                {(f) => (
                  <select
                    {...f}
                    value={draft.provinceId}
                    data-testid="report-province"
                    onChange={(e) => set({ provinceId: e.currentTarget.value, branchId: '', serviceId: '' })}
                  >
                    <option value="">{t(lang, 'all')}</option>
                    {officeList.map((o) => (
                      <option key={o.value.id} value={o.value.id}>
                        {localized(lang, o.value.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t(lang, 'branch')}>
                {(f) => (
                  <select
                    {...f}
                    value={draft.branchId}
                    data-testid="report-branch"
                    onChange={(e) => set({ branchId: e.currentTarget.value, serviceId: '' })}
                  >
                    <option value="">{t(lang, 'all')}</option>
                    {branchList.map((b: BranchListItem) => (
                      <option key={b.id} value={b.id}>
                        {localized(lang, b.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t(lang, 'branchType')}>
                {(f) => (
                  <select
                    {...f}
                    value={draft.branchType}
                    data-testid="report-branch-type"
                    onChange={(e) => set({ branchType: e.currentTarget.value })}
                  >
                    <option value="">{t(lang, 'all')}</option>
                    {grades.map((g) => (
                      <option key={g} value={g}>
                        {t(lang, 'gradeN', { n: localDigits(lang, g) })}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          <Field label={t(lang, 'service')} hint={draft.branchId ? undefined : t(lang, 'serviceHint')}>
            {(f) => (
              <select
                {...f}
                value={draft.serviceId}
                disabled={!draft.branchId}
                data-testid="report-service"
                onChange={(e) => set({ serviceId: e.currentTarget.value })}
              >
                <option value="">{t(lang, 'all')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localized(lang, s.title)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="reports-form__go">
            <button type="submit" class={buttonClass('primary')} data-testid="report-show">
              {t(lang, 'show')}
            </button>
          </div>
        </form>
      </section>

      {(branches.error || offices.error) && (
        <LoadFailed
          lang={lang}
          error={branches.error ?? offices.error}
          onReload={() => {
            branches.reload();
            offices.reload();
          }}
        />
      )}

      <section class="page-section" aria-labelledby="reports-result" aria-busy={report.loading ? 'true' : undefined}>
        <div class="reports-head">
          <div>
            <h2 id="reports-result" data-testid="report-period">
              {periodTitle}
            </h2>
            {report.data?.previous && (
              <p class="muted" data-testid="report-previous">
                {t(lang, 'previousLine', {
                  from: shortDate(lang, report.data.previous.from),
                  to: shortDate(lang, report.data.previous.to),
                })}
              </p>
            )}
          </div>
          <div class="reports-head__tools">
            <Field label={t(lang, 'by')} class="reports-by">
              {(f) => (
                <select
                  {...f}
                  value={by}
                  data-testid="report-by"
                  onChange={(e) => setBy(e.currentTarget.value as ReportDimension)}
                >
                  {dimensions.map((d) => (
                    <option key={d} value={d}>
                      {t(lang, `by-${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div class="reports-downloads">
              <span class="reports-downloads__label">{t(lang, 'download')}</span>
              {FORMATS.map((format) => (
                <a
                  key={format}
                  class={buttonClass('secondary', true)}
                  href={reportExportUrl(request, format, lang)}
                  download
                  aria-label={t(lang, 'downloadAs', { format: t(lang, format) })}
                  data-testid={`download-${format}`}
                >
                  {t(lang, format)}
                </a>
              ))}
            </div>
          </div>
        </div>
        {report.error ? <LoadFailed lang={lang} error={report.error} onReload={report.reload} /> : null}
        {!report.data && !report.error && <p class="muted">{t(lang, 'loading')}</p>}
        {report.data && <ReportBody lang={lang} report={report.data} />}
      </section>
      <UnitEvaluationSection lang={lang} from={request.from} to={request.to} branchId={request.branchId} />
      <SurveyResultsSection lang={lang} from={request.from} to={request.to} branchId={request.branchId} />
    </div>
  );
}

function ReportBody(props: { lang: Lang; report: Report }) {
  const { lang, report } = props;
  const { current, previous } = report;
  const byWord = t(lang, `by-${report.by}`);
  const byInTitle = lang === 'en' ? byWord.toLowerCase() : byWord;
  const labels = useMemo(() => current.rows.map((r) => rowLabel(lang, report.by, r)), [current, lang, report.by]);
  const countSeries = useMemo<Series[]>(
    () => [
      { label: t(lang, 'served'), values: current.rows.map((r) => r.figures.served), colour: COLOURS.served },
      { label: t(lang, 'noShow'), values: current.rows.map((r) => r.figures.noShow), colour: COLOURS.noShow },
    ],
    [current, lang],
  );
  const waitSeries = useMemo<Series[]>(() => {
    const mins = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
    const s: Series[] = [
      {
        label: t(lang, 'waitMean'),
        values: current.rows.map((r) => mins(r.figures.wait.meanMs)),
        colour: COLOURS.mean,
      },
      { label: t(lang, 'waitP90'), values: current.rows.map((r) => mins(r.figures.wait.p90Ms)), colour: COLOURS.p90 },
    ];
    // The same rows of the period before (not for days: those are other days).
    if (previous && report.by !== 'day') {
      const before = new Map(previous.rows.map((r) => [r.key, r.figures.wait.meanMs]));
      s.push({
        label: t(lang, 'previousMean'),
        values: current.rows.map((r) => mins(before.get(r.key) ?? null)),
        colour: COLOURS.previous,
        line: TIME_DIMENSIONS.includes(report.by),
      });
    }
    return s;
  }, [current, previous, lang, report.by]);

  return (
    <>
      <Compare lang={lang} current={current.total} previous={previous?.total ?? null} />
      {current.rows.length === 0 ? (
        <p class="reports-empty" data-testid="report-empty">
          {t(lang, 'noRows')}
        </p>
      ) : (
        <>
          <div class="reports-charts">
            <ReportChart
              lang={lang}
              title={t(lang, 'chartCounts', { by: byInTitle })}
              labels={labels}
              series={countSeries}
              horizontal={!TIME_DIMENSIONS.includes(report.by)}
              testId="chart-counts"
            />
            <ReportChart
              lang={lang}
              title={t(lang, 'chartWaits', { by: byInTitle })}
              labels={labels}
              series={waitSeries}
              digits={1}
              horizontal={!TIME_DIMENSIONS.includes(report.by)}
              testId="chart-waits"
            />
          </div>
          <FigureTable
            lang={lang}
            caption={t(lang, 'countsTitle')}
            byWord={byWord}
            rows={current.rows}
            labels={labels}
            total={current.total}
            testId="report-counts"
            columns={[
              ['issued', (f) => num(lang, f.issued)],
              ['served', (f) => num(lang, f.served)],
              ['noShow', (f) => num(lang, f.noShow)],
              ['transferred', (f) => num(lang, f.transferred)],
              ['cancelled', (f) => num(lang, f.cancelled)],
              ['parked', (f) => num(lang, f.parked)],
            ]}
          />
          <FigureTable
            lang={lang}
            caption={t(lang, 'timesTitle')}
            byWord={byWord}
            rows={current.rows}
            labels={labels}
            total={current.total}
            testId="report-times"
            columns={[
              ['waitMean', (f) => minutes(lang, f.wait.meanMs)],
              ['waitMedian', (f) => minutes(lang, f.wait.medianMs)],
              ['waitP90', (f) => minutes(lang, f.wait.p90Ms)],
              ['withinTarget', (f) => percent(lang, f.wait.withinTargetShare)],
              ['serveMean', (f) => minutes(lang, f.serve.meanMs)],
              ['serveMedian', (f) => minutes(lang, f.serve.medianMs)],
              ['serveP90', (f) => minutes(lang, f.serve.p90Ms)],
            ]}
          />
        </>
      )}
    </>
  );
}

/** A table of figures, one row per dimension value, with the total under them. */
function FigureTable(props: {
  lang: Lang;
  caption: string;
  byWord: string;
  rows: ReportRow[];
  labels: string[];
  total: ReportFigures;
  columns: [ReportsWord, (f: ReportFigures) => ComponentChildren][];
  testId: string;
}) {
  const { lang } = props;
  return (
    <div class="ui-table-wrap reports-table">
      <table class="ui-table" data-testid={props.testId}>
        <caption class="ui-table__caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.byWord}</th>
            {props.columns.map(([word]) => (
              <th key={word} scope="col" class="ui-table__num">
                {t(lang, word)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{props.labels[i]}</th>
              {props.columns.map(([word, cell]) => (
                <td key={word} class="ui-table__num" data-figure={word}>
                  {cell(r.figures)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row">{t(lang, 'total')}</th>
            {props.columns.map(([word, cell]) => (
              <td key={word} class="ui-table__num" data-figure={word}>
                {cell(props.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const COMPARE_WORD: Record<CompareKey, ReportsWord> = {
  served: 'served',
  noShow: 'noShow',
  waitMean: 'waitMean',
  waitP90: 'waitP90',
  withinTarget: 'withinTarget',
  serveMean: 'serveMean',
};

function compareValue(lang: Lang, key: CompareKey, v: number | null): string {
  if (key === 'served' || key === 'noShow') return num(lang, v);
  if (key === 'withinTarget') return percent(lang, v);
  return v === null ? '–' : `${minutes(lang, v)} ${t(lang, 'minutes')}`;
}

/** This period's totals against the previous period's, with the change and whether it is better. */
function Compare(props: { lang: Lang; current: ReportFigures; previous: ReportFigures | null }) {
  const { lang } = props;
  return (
    <section class="reports-compare" aria-labelledby="reports-compare" data-testid="report-compare">
      <h3 id="reports-compare">{t(lang, 'compareTitle')}</h3>
      {!props.previous && <p class="muted">{t(lang, 'noPrevious')}</p>}
      <ul>
        {COMPARE_KEYS.map((key) => {
          const now = figure(props.current, key);
          const before = props.previous ? figure(props.previous, key) : null;
          const d = delta(key, now, before);
          const arrow = !d ? '' : d.direction === 'up' ? '▲' : d.direction === 'down' ? '▼' : '=';
          const change =
            !d || d.direction === 'same'
              ? ''
              : key === 'withinTarget'
                ? t(lang, 'points', { n: num(lang, Math.abs(d.diff) * 100) })
                : d.relative !== null
                  ? percent(lang, Math.abs(d.relative))
                  : compareValue(lang, key, Math.abs(d.diff));
          return (
            <li key={key} class={`reports-card${d ? ` is-${d.tone}` : ''}`} data-testid={`compare-${key}`}>
              <span class="reports-card__name">{t(lang, COMPARE_WORD[key])}</span>
              <strong class="reports-card__value">{compareValue(lang, key, now)}</strong>
              {props.previous && (
                <span class="reports-card__before">
                  {t(lang, 'previous')}: {compareValue(lang, key, before)}
                </span>
              )}
              {d && (
                <span class="reports-card__delta" data-direction={d.direction} data-tone={d.tone}>
                  <span aria-hidden="true">{arrow}</span> {d.direction === 'same' ? t(lang, 'unchanged') : change}
                  {d.tone !== 'neutral' && <span class="sr-only"> ({t(lang, d.tone)})</span>}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
