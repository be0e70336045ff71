// [SU5–SU7] The satisfaction survey's results (جدول ۵) on the reports page: for the applied period and
// branch, by axis, sub-service, clerk or Jalali month, the mean on 1–5 and the five levels' counts,
// with the same results as CSV, Excel or PDF.
import { buttonClass, type Column, Field, Table } from '@nobat/client/preact';
import {
  type ExportFormat,
  type Lang,
  localDigits,
  localized,
  SURVEY_SCALE,
  type SurveyBy,
  type SurveyResultRow,
  SurveyResults,
} from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];
const w = {
  title: { fa: 'نظرسنجی رضایت ارباب رجوع', en: 'Visitor satisfaction survey' },
  by: { fa: 'بر حسب', en: 'By' },
  axis: { fa: 'محور سنجش', en: 'Axis' },
  service: { fa: 'زیرخدمت', en: 'Sub-service' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  month: { fa: 'ماه', en: 'Month' },
  answers: { fa: 'پاسخ‌ها', en: 'Answers' },
  mean: { fa: 'میانگین (۱ تا ۵)', en: 'Mean (1–5)' },
  none: { fa: 'در این دوره پاسخی ثبت نشده است.', en: 'No answers in this period.' },
  loading: { fa: 'در حال بارگیری…', en: 'Loading…' },
  total: { fa: 'تعداد پرسشنامه‌ها', en: 'Surveys answered' },
  csv: { fa: 'CSV', en: 'CSV' },
  xlsx: { fa: 'اکسل', en: 'Excel' },
  pdf: { fa: 'PDF', en: 'PDF' },
} as const;

export function SurveyResultsSection(props: { lang: Lang; from: string; to: string; branchId?: string | undefined }) {
  const { lang, from, to, branchId } = props;
  const [by, setBy] = useState<SurveyBy>('axis');
  const qs = new URLSearchParams({ from, to, by, ...(branchId ? { branchId } : {}) }).toString();
  const results = useLoad(() => api.get(SurveyResults, `/api/v1/survey/results?${qs}`), [qs]);
  const num = (n: number | null) =>
    n === null ? '—' : lang === 'fa' ? localDigits('fa', String(n)).replace('.', '٫') : String(n);

  const columns: Column<SurveyResultRow>[] = [
    { key: 'label', header: w[by][lang], cell: (r) => localized(lang, r.label), sortBy: (r) => r.key },
    { key: 'answers', header: w.answers[lang], cell: (r) => num(r.answers), sortBy: (r) => r.answers },
    { key: 'mean', header: w.mean[lang], cell: (r) => num(r.mean), sortBy: (r) => r.mean ?? -1 },
    ...SURVEY_SCALE.map(
      (s): Column<SurveyResultRow> => ({
        key: `level-${s.value}`,
        header: s.label[lang],
        cell: (r) => num(r.distribution[s.value - 1] ?? 0),
        sortBy: (r) => r.distribution[s.value - 1] ?? 0,
      }),
    ),
  ];

  return (
    <section class="page-section" aria-labelledby="reports-survey" data-testid="survey-results">
      <h2 id="reports-survey">{w.title[lang]}</h2>
      <div class="reports-toolbar">
        <Field label={w.by[lang]}>
          {(f) => (
            <select
              {...f}
              value={by}
              data-testid="survey-by"
              onChange={(e) => setBy(e.currentTarget.value as SurveyBy)}
            >
              {(['axis', 'service', 'clerk', 'month'] as const).map((k) => (
                <option key={k} value={k}>
                  {w[k][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <span class="reports-downloads">
          {FORMATS.map((format) => (
            <a
              key={format}
              class={buttonClass('secondary', true)}
              href={`/api/v1/survey/results/export?${qs}&format=${format}&lang=${lang}`}
              download
              data-testid={`survey-${format}`}
            >
              {w[format][lang]}
            </a>
          ))}
        </span>
      </div>
      {results.error ? <LoadFailed lang={lang} error={results.error} onReload={results.reload} /> : null}
      {!results.data && !results.error && <p class="muted">{w.loading[lang]}</p>}
      {results.data && (
        <>
          <p data-testid="survey-total">
            {w.total[lang]}: {num(results.data.answers)}
          </p>
          <Table
            caption={w.title[lang]}
            columns={columns}
            rows={results.data.answers === 0 && by !== 'axis' ? [] : results.data.rows}
            rowKey={(r) => r.key}
            empty={w.none[lang]}
            testId="survey-table"
          />
        </>
      )}
    </section>
  );
}
