// The words of the reports pages (issue 14: R1–R9, DR1–DR6), Persian first and English.
import { type Lang, localDigits, toPersianDigits } from '@nobat/protocol';

const words = {
  navReports: { fa: 'گزارش‌ها', en: 'Reports' },
  navDirective: { fa: 'گزارش‌های بخشنامه‌ای', en: 'Directive reports' },
  title: { fa: 'گزارش‌ها', en: 'Reports' },
  intro: {
    fa: 'زمان انتظار و خدمت و شمار مراجعه‌ها در یک ماه یا بازهٔ شمسی، در برابر دورهٔ پیش از آن.',
    en: 'Waiting and serving times and visit counts over a Jalali month or range, against the period before it.',
  },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  // the period
  periodTitle: { fa: 'دوره و پالایه‌ها', en: 'Period and filters' },
  periodKind: { fa: 'دوره', en: 'Period' },
  aMonth: { fa: 'یک ماه', en: 'A month' },
  aRange: { fa: 'بازهٔ دلخواه', en: 'A range' },
  year: { fa: 'سال', en: 'Year' },
  month: { fa: 'ماه', en: 'Month' },
  from: { fa: 'از تاریخ', en: 'From' },
  to: { fa: 'تا تاریخ', en: 'To' },
  dateHint: { fa: 'سال/ماه/روز شمسی، مانند ۱۴۰۵/۰۸/۰۱', en: 'Jalali year/month/day, e.g. 1405/08/01' },
  badDate: { fa: 'تاریخ شمسی را به شکل سال/ماه/روز بنویسید.', en: 'Write a Jalali date as year/month/day.' },
  badOrder: { fa: '«تا تاریخ» نباید پیش از «از تاریخ» باشد.', en: '"To" must not be before "From".' },
  show: { fa: 'نمایش گزارش', en: 'Show the report' },
  // filters
  province: { fa: 'اداره کل استان', en: 'Provincial office' },
  branch: { fa: 'شعبه', en: 'Branch' },
  branchType: { fa: 'درجهٔ شعبه', en: 'Branch grade' },
  gradeN: { fa: 'درجهٔ {n}', en: 'Grade {n}' },
  service: { fa: 'خدمت', en: 'Service' },
  serviceHint: { fa: 'برای پالایش خدمت، یک شعبه را برگزینید.', en: 'Choose a branch to filter by service.' },
  all: { fa: 'همه', en: 'All' },
  yourBranch: { fa: 'شعبهٔ شما: {name}', en: 'Your branch: {name}' },
  by: { fa: 'به تفکیک', en: 'By' },
  // dimensions
  'by-service': { fa: 'خدمت', en: 'Service' },
  'by-counter': { fa: 'باجه', en: 'Counter' },
  'by-clerk': { fa: 'کارمند', en: 'Clerk' },
  'by-hour': { fa: 'ساعت روز', en: 'Hour of day' },
  'by-weekday': { fa: 'روز هفته', en: 'Weekday' },
  'by-day': { fa: 'روز', en: 'Day' },
  'by-branch': { fa: 'شعبه', en: 'Branch' },
  'by-province': { fa: 'استان', en: 'Province' },
  'by-branch-type': { fa: 'درجهٔ شعبه', en: 'Branch grade' },
  // the figures
  periodLine: { fa: 'از {from} تا {to}', en: 'From {from} to {to}' },
  previousLine: { fa: 'در برابر {from} تا {to}', en: 'Against {from} to {to}' },
  noPrevious: { fa: 'دورهٔ پیشین در دسترس نیست.', en: 'No previous period to compare.' },
  compareTitle: { fa: 'این دوره در برابر دورهٔ پیشین', en: 'This period against the previous' },
  previous: { fa: 'پیشین', en: 'Previous' },
  better: { fa: 'بهتر', en: 'better' },
  worse: { fa: 'بدتر', en: 'worse' },
  unchanged: { fa: 'بی‌تغییر', en: 'unchanged' },
  points: { fa: '{n} واحد درصد', en: '{n} pts' },
  countsTitle: { fa: 'شمار مراجعه‌ها', en: 'Visits' },
  timesTitle: { fa: 'زمان انتظار و خدمت (دقیقه)', en: 'Waiting and serving times (minutes)' },
  issued: { fa: 'صادرشده', en: 'Issued' },
  served: { fa: 'خدمت‌گرفته', en: 'Served' },
  noShow: { fa: 'حاضرنشده', en: 'No-show' },
  transferred: { fa: 'ارجاع‌شده', en: 'Transferred' },
  cancelled: { fa: 'لغوشده', en: 'Cancelled' },
  parked: { fa: 'معلق‌شده', en: 'Parked' },
  waitMean: { fa: 'میانگین انتظار', en: 'Mean wait' },
  waitMedian: { fa: 'میانهٔ انتظار', en: 'Median wait' },
  waitP90: { fa: 'صدک ۹۰ انتظار', en: '90th percentile wait' },
  withinTarget: { fa: 'سهم در زمان هدف', en: 'Within target' },
  serveMean: { fa: 'میانگین خدمت', en: 'Mean serving' },
  serveMedian: { fa: 'میانهٔ خدمت', en: 'Median serving' },
  serveP90: { fa: 'صدک ۹۰ خدمت', en: '90th percentile serving' },
  total: { fa: 'جمع کل', en: 'Total' },
  noRows: { fa: 'در این دوره چیزی ثبت نشده است.', en: 'Nothing was logged in this period.' },
  minutes: { fa: 'دقیقه', en: 'minutes' },
  // charts
  chartCounts: { fa: 'خدمت‌گرفته و حاضرنشده به تفکیک {by}', en: 'Served and no-shows by {by}' },
  chartWaits: { fa: 'زمان انتظار (دقیقه) به تفکیک {by}', en: 'Waiting time (minutes) by {by}' },
  previousMean: { fa: 'میانگین انتظار دورهٔ پیشین', en: 'Mean wait, previous period' },
  // downloads
  download: { fa: 'دریافت پرونده', en: 'Download' },
  csv: { fa: 'CSV', en: 'CSV' },
  xlsx: { fa: 'اکسل (XLSX)', en: 'Excel (XLSX)' },
  pdf: { fa: 'PDF', en: 'PDF' },
  downloadAs: { fa: 'دریافت گزارش با قالب {format}', en: 'Download the report as {format}' },
  // directive reports
  directiveTitle: { fa: 'گزارش‌های بخشنامه‌ای', en: 'Directive reports' },
  directiveIntro: {
    fa: 'گزارش ماهانهٔ مرکز ارتباطات مردمی (روز نخست هر ماه برای ماه پیش) و گزارش سه‌ماههٔ عملکرد، که سامانه خودش می‌سازد.',
    en: 'The monthly report to the public-relations centre (CRM, made on the 1st of each month for the month before) and the quarterly performance report, made by the system itself.',
  },
  kind: { fa: 'نوع', en: 'Kind' },
  'kind-crm-monthly': { fa: 'گزارش ماهانهٔ مرکز ارتباطات مردمی', en: 'Monthly CRM report' },
  'kind-quarterly': { fa: 'گزارش سه‌ماههٔ عملکرد', en: 'Quarterly performance report' },
  allKinds: { fa: 'همهٔ گزارش‌ها', en: 'All reports' },
  scope: { fa: 'دامنه', en: 'Scope' },
  'scope-branch': { fa: 'شعبه', en: 'Branch' },
  'scope-province': { fa: 'استان', en: 'Province' },
  period: { fa: 'دوره', en: 'Period' },
  generatedAt: { fa: 'زمان ساخت', en: 'Made at' },
  files: { fa: 'پرونده‌ها', en: 'Files' },
  noDirective: { fa: 'هنوز گزارشی ساخته نشده است.', en: 'No report has been made yet.' },
} as const satisfies Record<string, { fa: string; en: string }>;

export type ReportsWord = keyof typeof words;

export function t(lang: Lang, word: ReportsWord, vars: Record<string, string | number> = {}): string {
  let s: string = words[word][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Both languages of a word, for the console's menu. */
export const both = (word: ReportsWord) => words[word];

/** A decimal number as read: Persian digits and decimal mark in Persian; null as a dash. */
export function num(lang: Lang, value: number | null, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const s = value.toFixed(digits);
  if (digits === 0) return localDigits(lang, Number(s));
  return lang === 'fa' ? toPersianDigits(s.replace('.', '٫')) : s;
}

/** Milliseconds as minutes with one decimal: «۴٫۵» or "4.5". */
export const minutes = (lang: Lang, ms: number | null): string => num(lang, ms === null ? null : ms / 60_000, 1);

/** A share (0–1) as a percentage: «۸۰٪» or "80%". */
export function percent(lang: Lang, share: number | null): string {
  if (share === null) return '–';
  return `${num(lang, share * 100)}${lang === 'fa' ? '٪' : '%'}`;
}
