// [UE6] The unit evaluation as an export document (export-doc.ts): per unit and post the steps
// finished, on time, the share, the mean delay, returned, open and overdue now, with a total; then the
// requests of the period. export/ renders it as CSV, XLSX or PDF like every report.
import { type BranchConfig, type Lang, localized, type UnitEvaluation } from '@nobat/protocol';
import type { DocCell, DocColumn, ExportDoc } from '../../history/export-doc.ts';
import { dateTime, dayText } from './words.ts';

const W = {
  title: { fa: 'ارزیابی واحدها در انجام مراحل درخواست‌ها', en: 'Evaluation of the units on the requests’ steps' },
  period: { fa: 'دوره', en: 'Period' },
  to: { fa: 'تا', en: 'to' },
  branches: { fa: 'شعبه‌ها', en: 'Branches' },
  made: { fa: 'تهیه‌شده در', en: 'Made on' },
  units: { fa: 'به تفکیک واحد و پست سازمانی', en: 'By unit and post' },
  unit: { fa: 'واحد', en: 'Unit' },
  post: { fa: 'پست سازمانی', en: 'Post' },
  handled: { fa: 'مراحل انجام‌شده', en: 'Steps finished' },
  onTime: { fa: 'در مهلت', en: 'On time' },
  share: { fa: 'سهم در مهلت', en: 'Share on time' },
  delay: { fa: 'میانگین تأخیر (ساعت)', en: 'Mean delay (hours)' },
  returned: { fa: 'برگشت‌داده', en: 'Returned' },
  open: { fa: 'در دست اقدام اکنون', en: 'Open now' },
  overdue: { fa: 'گذشته از مهلت اکنون', en: 'Overdue now' },
  forwarded: { fa: '(ارجاعی)', en: '(forwarded)' },
  total: { fa: 'جمع', en: 'Total' },
  requests: { fa: 'درخواست‌های دوره', en: 'Requests of the period' },
  measure: { fa: 'شاخص', en: 'Measure' },
  count: { fa: 'تعداد', en: 'Count' },
  created: { fa: 'ثبت‌شده', en: 'Made' },
  responded: { fa: 'پاسخ‌داده‌شده', en: 'Responded' },
  respondedOnTime: { fa: 'پاسخ‌داده‌شده تا تاریخ وعده', en: 'Responded by the promised date' },
} as const;

export interface UnitEvaluationDocInput {
  lang: Lang;
  evaluation: UnitEvaluation;
  configs: readonly BranchConfig[];
  /** When it is made (epoch ms). */
  now: number;
}

export function unitEvaluationDoc(input: UnitEvaluationDocInput): ExportDoc {
  const { lang, evaluation: e, configs, now } = input;
  const w = (k: keyof typeof W) => W[k][lang];
  const timeZone = configs[0]?.branch.timeZone ?? 'Asia/Tehran';
  const columns: DocColumn[] = [
    { header: w('unit'), kind: 'text' },
    { header: w('post'), kind: 'text' },
    { header: w('handled'), kind: 'int' },
    { header: w('onTime'), kind: 'int' },
    { header: w('share'), kind: 'percent' },
    // Hours, written like minutes: a number with one decimal.
    { header: w('delay'), kind: 'minutes' },
    { header: w('returned'), kind: 'int' },
    { header: w('open'), kind: 'int' },
    { header: w('overdue'), kind: 'int' },
  ];
  const rows: DocCell[][] = e.rows.map((r) => [
    r.unit,
    r.post || w('forwarded'),
    r.handled,
    r.onTime,
    r.onTimeShare,
    r.meanDelayHours,
    r.returned,
    r.open,
    r.overdueNow,
  ]);
  const sum = (k: 'handled' | 'onTime' | 'returned' | 'open' | 'overdueNow') => e.rows.reduce((s, r) => s + r[k], 0);
  const handled = sum('handled');
  const lateWeights = e.rows.filter((r) => r.meanDelayHours !== null);
  const late = lateWeights.reduce((s, r) => s + (r.handled - r.onTime), 0);
  const delay = late
    ? lateWeights.reduce((s, r) => s + (r.meanDelayHours ?? 0) * (r.handled - r.onTime), 0) / late
    : null;
  const total: DocCell[] = [
    w('total'),
    null,
    handled,
    sum('onTime'),
    handled ? sum('onTime') / handled : null,
    delay,
    sum('returned'),
    sum('open'),
    sum('overdueNow'),
  ];
  const names = e.branchIds.map((id) => {
    const c = configs.find((x) => x.branch.id === id);
    return c ? localized(lang, c.branch.name) : id;
  });
  return {
    lang,
    fileName: `unit-evaluation-${e.from}-${e.to}`,
    title: w('title'),
    subtitle: [
      `${w('period')}: ${dayText(lang, e.from)} ${w('to')} ${dayText(lang, e.to)}`,
      `${w('branches')}: ${names.join(lang === 'fa' ? '، ' : ', ')}`,
      `${w('made')} ${dateTime(lang, new Date(now).toISOString(), timeZone)}`,
    ],
    timeZone,
    sections: [
      { title: w('units'), columns, rows, total },
      {
        title: w('requests'),
        columns: [
          { header: w('measure'), kind: 'text' },
          { header: w('count'), kind: 'int' },
        ],
        rows: [
          [w('created'), e.requests.created],
          [w('responded'), e.requests.responded],
          [w('respondedOnTime'), e.requests.respondedOnTime],
        ],
      },
    ],
  };
}
