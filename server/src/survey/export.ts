// [SU7] The survey results as an ExportDoc (rendered as CSV, XLSX or PDF by history/export/render.ts):
// one table of the rows (mean, answers, the five levels' counts), in Persian or English.
import { type Lang, SURVEY_SCALE, SURVEY_TEXT, type SurveyResults } from '@nobat/protocol';
import type { ExportDoc } from '../history/export-doc.ts';

const BY: Record<SurveyResults['by'], { fa: string; en: string }> = {
  axis: { fa: 'محور سنجش', en: 'Axis' },
  service: { fa: 'خدمت', en: 'Sub-service' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  month: { fa: 'ماه', en: 'Month' },
};

export function surveyResultsDoc(r: SurveyResults, lang: Lang, timeZone: string, filters: string[] = []): ExportDoc {
  const t = (x: { fa: string; en?: string }) => (lang === 'fa' ? x.fa : (x.en ?? x.fa));
  return {
    lang,
    fileName: `survey-${r.by}-${r.from}-${r.to}`,
    title: t(SURVEY_TEXT.title),
    subtitle: [`${r.from} – ${r.to}`, ...filters],
    timeZone,
    sections: [
      {
        title: t(BY[r.by]),
        columns: [
          { header: t(BY[r.by]), kind: 'text' },
          { header: t({ fa: 'پاسخ‌ها', en: 'Answers' }), kind: 'int' },
          { header: t({ fa: 'میانگین (۱ تا ۵)', en: 'Mean (1–5)' }), kind: 'minutes' },
          ...SURVEY_SCALE.map((s) => ({ header: t(s.label), kind: 'int' as const })),
        ],
        rows: r.rows.map((row) => [
          t(row.label),
          row.answers,
          row.mean,
          // The scale best first, as in the form; the distribution is kept lowest first.
          ...SURVEY_SCALE.map((s) => row.distribution[s.value - 1] ?? 0),
        ]),
        charts: [
          {
            kind: 'bar',
            title: t({ fa: 'میانگین رضایت', en: 'Mean satisfaction' }),
            labels: r.rows.map((row) => t(row.label)),
            series: [{ name: t({ fa: 'میانگین', en: 'Mean' }), values: r.rows.map((row) => row.mean) }],
          },
        ],
      },
    ],
  };
}
