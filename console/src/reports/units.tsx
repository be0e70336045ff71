// The unit evaluation (issue 16 point 5; guide no. 2, steps 5–6 and 9) on the reports page: for the
// applied period and branch, per unit and post, the steps handled, the share finished within the
// agreed duration, the mean delay of the late ones, those returned, open and overdue now; and the
// requests made in the period, responded, and responded by their promised date.
import { buttonClass, type Column, Table } from '@nobat/client/preact';
import { type ExportFormat, type Lang, type Message, UnitEvaluation, type UnitEvaluationRow } from '@nobat/protocol';
import { api } from '../api.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { num, percent } from './words.ts';

const w = {
  title: { fa: 'ارزیابی واحدها', en: 'Unit evaluation' },
  intro: {
    fa: 'کار هر واحد و سمت بر درخواست‌ها در برابر زمان‌های مقرر گردش کار (جدول ۱).',
    en: 'Each unit’s and post’s work on requests against the workflow’s agreed durations (table 1).',
  },
  unit: { fa: 'واحد', en: 'Unit' },
  post: { fa: 'سمت', en: 'Post' },
  handled: { fa: 'رسیدگی‌شده', en: 'Handled' },
  onTime: { fa: 'در زمان مقرر', en: 'On time' },
  meanDelay: { fa: 'میانگین دیرکرد (ساعت)', en: 'Mean delay (hours)' },
  returned: { fa: 'بازگردانده', en: 'Returned' },
  open: { fa: 'باز', en: 'Open' },
  overdueNow: { fa: 'دیرکرد اکنون', en: 'Overdue now' },
  created: { fa: 'درخواست‌های ثبت‌شده', en: 'Requests made' },
  responded: { fa: 'پاسخ داده‌شده', en: 'Responded' },
  respondedOnTime: { fa: 'پاسخ تا موعد وعده‌شده', en: 'Responded by the promised date' },
  none: { fa: 'در این دوره درخواستی رسیدگی نشده است.', en: 'No requests were handled in this period.' },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  download: { fa: 'دریافت پرونده', en: 'Download' },
  downloadAs: { fa: 'دریافت ارزیابی واحدها با قالب {format}', en: 'Download the unit evaluation as {format}' },
  csv: { fa: 'CSV', en: 'CSV' },
  xlsx: { fa: 'اکسل (XLSX)', en: 'Excel (XLSX)' },
  pdf: { fa: 'PDF', en: 'PDF' },
} as const satisfies Record<string, Message>;

/** The address of the evaluation (the branch: a supervisor's own; an admin's chosen, or all). */
export function unitEvaluationQuery(q: { from: string; to: string; branchId?: string | undefined }): string {
  const p = new URLSearchParams();
  if (q.branchId) p.set('branchId', q.branchId);
  p.set('from', q.from);
  p.set('to', q.to);
  return p.toString();
}

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** A share with its count: «۸۰٪ (۴ از ۵)». */
export function shareText(lang: Lang, r: Pick<UnitEvaluationRow, 'onTime' | 'handled' | 'onTimeShare'>): string {
  if (r.onTimeShare === null) return '–';
  const of = lang === 'fa' ? 'از' : 'of';
  return `${percent(lang, r.onTimeShare)} (${num(lang, r.onTime)} ${of} ${num(lang, r.handled)})`;
}

export function UnitEvaluationSection(props: { lang: Lang; from: string; to: string; branchId?: string | undefined }) {
  const { lang } = props;
  const qs = unitEvaluationQuery(props);
  const result = useLoad(() => api.get(UnitEvaluation, `/api/v1/reports/units?${qs}`), [qs]);
  const columns: Column<UnitEvaluationRow>[] = [
    // Units and posts are the office's own words (the workflow table has them in Persian only): data.
    { key: 'unit', header: w.unit[lang], cell: (r) => <bdi data-user-text>{r.unit}</bdi>, sortBy: (r) => r.unit },
    {
      key: 'post',
      header: w.post[lang],
      cell: (r) => (r.post ? <bdi data-user-text>{r.post}</bdi> : '—'),
      sortBy: (r) => r.post,
    },
    {
      key: 'handled',
      header: w.handled[lang],
      numeric: true,
      cell: (r) => num(lang, r.handled),
      sortBy: (r) => r.handled,
    },
    {
      key: 'onTime',
      header: w.onTime[lang],
      numeric: true,
      cell: (r) => <span data-figure="onTime">{shareText(lang, r)}</span>,
      sortBy: (r) => r.onTimeShare ?? -1,
    },
    {
      key: 'meanDelay',
      header: w.meanDelay[lang],
      numeric: true,
      cell: (r) => num(lang, r.meanDelayHours, 1),
      sortBy: (r) => r.meanDelayHours ?? -1,
    },
    {
      key: 'returned',
      header: w.returned[lang],
      numeric: true,
      cell: (r) => num(lang, r.returned),
      sortBy: (r) => r.returned,
    },
    { key: 'open', header: w.open[lang], numeric: true, cell: (r) => num(lang, r.open), sortBy: (r) => r.open },
    {
      key: 'overdueNow',
      header: w.overdueNow[lang],
      numeric: true,
      cell: (r) => (
        <span class={r.overdueNow > 0 ? 'reports-late' : undefined} data-figure="overdueNow">
          {num(lang, r.overdueNow)}
        </span>
      ),
      sortBy: (r) => r.overdueNow,
    },
  ];
  const totals = result.data?.requests;
  return (
    <section
      class="page-section"
      aria-labelledby="reports-units"
      aria-busy={result.loading ? 'true' : undefined}
      data-testid="unit-evaluation"
    >
      <h2 id="reports-units">{w.title[lang]}</h2>
      <div class="reports-toolbar">
        <p class="muted">{w.intro[lang]}</p>
        <span class="reports-downloads">
          <span class="reports-downloads__label">{w.download[lang]}</span>
          {FORMATS.map((format) => (
            <a
              key={format}
              class={buttonClass('secondary', true)}
              href={`/api/v1/reports/units/export?${qs}&format=${format}&lang=${lang}`}
              download
              aria-label={w.downloadAs[lang].replace('{format}', w[format][lang])}
              data-testid={`units-${format}`}
            >
              {w[format][lang]}
            </a>
          ))}
        </span>
      </div>
      {result.error !== null && <LoadFailed lang={lang} error={result.error} onReload={result.reload} />}
      {!result.data && result.error === null && <p class="muted">{w.loading[lang]}</p>}
      {totals && (
        <div class="reports-compare">
          <ul data-testid="unit-evaluation-requests">
            {(
              [
                ['created', totals.created],
                ['responded', totals.responded],
                ['respondedOnTime', totals.respondedOnTime],
              ] as const
            ).map(([key, n]) => (
              <li key={key} class="reports-card" data-testid={`requests-${key}`}>
                <span class="reports-card__name">{w[key][lang]}</span>
                <strong class="reports-card__value">{num(lang, n)}</strong>
                {key === 'respondedOnTime' && totals.responded > 0 && (
                  <span class="reports-card__before">{percent(lang, n / totals.responded)}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.data && (
        <Table
          caption={w.title[lang]}
          columns={columns}
          rows={result.data.rows}
          rowKey={(r) => `${r.unit}|${r.post}`}
          empty={w.none[lang]}
          testId="unit-evaluation-table"
        />
      )}
    </section>
  );
}
