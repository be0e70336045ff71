// A directive's stored report as an export document (export-doc.ts), in one language: its title and
// period as readers write them (J3), its sections in the order the directive reads, and the parts
// Nobat does not hold yet as sections saying so (DR1, DR2). export/ renders it as CSV, XLSX or PDF.
import {
  clockTime,
  type DurationUnit,
  durationText,
  jalaliPeriodLabel,
  jalaliShortDate,
  type Lang,
  localDigits,
  localized,
  type ReportFigures,
  type ReportRow,
  SURVEY_SCALE,
  toJalali,
} from '@nobat/protocol';
import type {
  CrmMonthlyData,
  DeskSetup,
  DirectiveData,
  NotYetHeld,
  QuarterlyData,
  QuarterlySurvey,
  ScopeInfo,
} from '../domain/directive-reports.ts';
import type { DocCell, DocChart, DocColumn, DocSection, ExportDoc } from './export-doc.ts';
import type { StoredReport } from './port.ts';

const W = {
  crmTitle: { fa: 'گزارش ماهانهٔ میز خدمت به مرکز ارتباطات مردمی (CRM)', en: 'Monthly service-desk report to the CRM' },
  quarterlyTitle: { fa: 'گزارش سه‌ماههٔ عملکرد میز خدمت', en: 'Quarterly service-desk performance report' },
  period: { fa: 'دوره', en: 'Period' },
  days: { fa: 'روزها', en: 'Days' },
  province: { fa: 'اداره کل استان', en: 'Provincial office' },
  branchType: { fa: 'تیپ شعبه', en: 'Branch type' },
  generated: { fa: 'تهیه‌شده در', en: 'Made on' },
  crmDue: {
    fa: 'بخشنامهٔ میز خدمت سازمان تأمین اجتماعی، بند ۶: ارسال تا پنجم ماه بعد',
    en: 'SSO service-desk circular, item 6: due by the 5th of the next month',
  },
  quarterlyDue: {
    fa: 'بخشنامهٔ ۷۱۹۳/۲۰۰ معاونت توسعهٔ مدیریت، بندهای ۹ تا ۱۱: هر سه ماه یک بار',
    en: 'Vice-presidency circular 7193/200, items 9–11: every three months',
  },
  unarchivedNote: {
    fa: 'روزهایی که هنگام تهیهٔ گزارش هنوز بایگانی نشده بودند (ارقامشان ممکن است ناقص باشد)',
    en: 'Days not yet archived when the report was made (their figures may be short)',
  },
  summary: { fa: 'خلاصهٔ عملکرد', en: 'Summary' },
  measure: { fa: 'شاخص', en: 'Measure' },
  value: { fa: 'مقدار', en: 'Value' },
  setup: { fa: 'استقرار میز خدمت', en: 'The desk as set up' },
  branches: { fa: 'شعبه‌ها', en: 'Branches' },
  counters: { fa: 'باجه‌های فعال', en: 'Active counters' },
  subServices: { fa: 'زیرخدمات مستقر', en: 'Sub-services placed' },
  clerks: { fa: 'کارکنان میز خدمت', en: 'Desk clerks' },
  signs: { fa: 'باجه‌ها و تابلوی راهنمای آن‌ها', en: 'Counters and their signboards' },
  counterNo: { fa: 'شمارهٔ باجه', en: 'Counter' },
  title: { fa: 'عنوان', en: 'Title' },
  servicesOnSign: { fa: 'زیرخدمات روی تابلو', en: 'Sub-services on the sign' },
  info: { fa: 'بستهٔ اطلاع‌رسانی زیرخدمات', en: 'Sub-services’ information packages' },
  subService: { fa: 'زیرخدمت', en: 'Sub-service' },
  avgDuration: { fa: 'مدت انجام اعلام‌شده', en: 'Published duration' },
  workflowSteps: { fa: 'مراحل گردش کار', en: 'Workflow steps' },
  documents: { fa: 'مدارک لازم', en: 'Required documents' },
  fees: { fa: 'هزینه‌ها', en: 'Fees' },
  complaintRoute: { fa: 'راه شکایت', en: 'Complaint route' },
  contact: { fa: 'راه تماس با مسئول', en: 'Responsible’s contact' },
  yes: { fa: 'دارد', en: 'yes' },
  no: { fa: 'ندارد', en: 'no' },
  byService: { fa: 'به تفکیک زیرخدمت', en: 'By sub-service' },
  byBranch: { fa: 'به تفکیک شعبه', en: 'By branch' },
  byCounter: { fa: 'به تفکیک باجه', en: 'By counter' },
  byClerk: { fa: 'به تفکیک کارمند', en: 'By clerk' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  listSeparator: { fa: '، ', en: ', ' },
  byDay: { fa: 'به تفکیک روز', en: 'By day' },
  byHour: { fa: 'به تفکیک ساعت', en: 'By hour' },
  byWeekday: { fa: 'به تفکیک روز هفته', en: 'By weekday' },
  thisPeriod: { fa: 'این دوره', en: 'This period' },
  previousPeriod: { fa: 'دورهٔ پیش', en: 'Previous period' },
  issued: { fa: 'نوبت صادرشده', en: 'Issued' },
  called: { fa: 'فراخوانی', en: 'Called' },
  served: { fa: 'خدمت‌گرفته', en: 'Served' },
  noShow: { fa: 'حاضرنشده', en: 'No-show' },
  transferred: { fa: 'ارجاع‌شده', en: 'Transferred' },
  cancelled: { fa: 'لغوشده', en: 'Cancelled' },
  parked: { fa: 'در انتظار مدرک', en: 'Parked' },
  waitMean: { fa: 'میانگین انتظار (دقیقه)', en: 'Mean wait (min)' },
  waitMedian: { fa: 'میانهٔ انتظار (دقیقه)', en: 'Median wait (min)' },
  waitP90: { fa: 'صدک ۹۰ انتظار (دقیقه)', en: 'Wait p90 (min)' },
  withinTarget: { fa: 'سهم در زمان هدف', en: 'Within target' },
  serveMean: { fa: 'میانگین زمان خدمت (دقیقه)', en: 'Mean serving (min)' },
  serveMedian: { fa: 'میانهٔ زمان خدمت (دقیقه)', en: 'Median serving (min)' },
  serveP90: { fa: 'صدک ۹۰ زمان خدمت (دقیقه)', en: 'Serving p90 (min)' },
  agreed: { fa: 'عملکرد در برابر زمان‌های توافق‌شده (جدول ۱)', en: 'Against the agreed durations (table 1)' },
  agreedMinutes: { fa: 'مدت توافق‌شده (دقیقه)', en: 'Agreed (min)' },
  workflowMinutes: { fa: 'جمع مراحل گردش کار (دقیقه)', en: 'Workflow total (min)' },
  serveToAgreed: { fa: 'زمان خدمت به مدت توافق‌شده', en: 'Serving / agreed' },
  workflow: { fa: 'جدول ۱: مراحل گردش کار زیرخدمات', en: 'Table 1: the sub-services’ workflow steps' },
  row: { fa: 'ردیف', en: 'Row' },
  step: { fa: 'عنوان مرحله', en: 'Step' },
  unit: { fa: 'واحد مسئول', en: 'Unit' },
  post: { fa: 'پست سازمانی', en: 'Post' },
  duration: { fa: 'مدت زمان انجام', en: 'Duration' },
  note: { fa: 'توضیح', en: 'Note' },
  notYet: {
    fa: 'نوبت هنوز این را ثبت نمی‌کند؛ این بخش پس از راه‌اندازی آن پر می‌شود.',
    en: 'Nobat does not record this yet; this section is filled once it does.',
  },
  survey: { fa: 'نظرسنجی رضایت مراجعان (جدول ۵)', en: 'Visitor satisfaction survey (table 5)' },
  complaints: { fa: 'شکایات و پاسخ به آن‌ها', en: 'Complaints and their answers' },
  electronicRequests: { fa: 'درخواست‌های میز خدمت الکترونیکی', en: 'Electronic-desk requests' },
  backOfficeResponses: {
    fa: 'پاسخ واحدهای داخلی و ارائهٔ پاسخ (جدول‌های ۲ و ۴)',
    en: 'Back-office responses and their delivery (tables 2 and 4)',
  },
  dailyServed: { fa: 'خدمت‌گرفتگان روزانه', en: 'Served per day' },
  hourlyIssued: { fa: 'نوبت‌های صادرشده در هر ساعت', en: 'Tickets issued per hour' },
  servedByService: { fa: 'خدمت‌گرفتگان هر زیرخدمت', en: 'Served per sub-service' },
  waitByService: { fa: 'میانگین انتظار هر زیرخدمت (دقیقه)', en: 'Mean wait per sub-service (min)' },
  serveVsAgreed: { fa: 'زمان خدمت و مدت توافق‌شده (دقیقه)', en: 'Serving time and agreed duration (min)' },
} as const satisfies Record<string, Record<Lang, string>>;

type Word = keyof typeof W;

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 100) / 100);

/** [J3] A local day as «۱۴۰۵/۰۸/۰۱» (fa) or "1405/08/01" (en). */
function jalaliDay(iso: string, lang: Lang): string {
  const { jy, jm, jd } = toJalali(iso);
  const text = `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`;
  return localDigits(lang, text);
}

/** The Jalali date and Tehran time of an instant, in the reader's digits. */
const madeAt = (iso: string, lang: Lang): string => `${jalaliShortDate(iso, lang)} ${clockTime(iso, lang)}`;

/** The standard figure columns of a report table, after its first (label) column. */
function figureColumns(t: (w: Word) => string): DocColumn[] {
  return [
    { header: t('issued'), kind: 'int' },
    { header: t('called'), kind: 'int' },
    { header: t('served'), kind: 'int' },
    { header: t('noShow'), kind: 'int' },
    { header: t('transferred'), kind: 'int' },
    { header: t('cancelled'), kind: 'int' },
    { header: t('parked'), kind: 'int' },
    { header: t('waitMean'), kind: 'minutes' },
    { header: t('waitMedian'), kind: 'minutes' },
    { header: t('waitP90'), kind: 'minutes' },
    { header: t('withinTarget'), kind: 'percent' },
    { header: t('serveMean'), kind: 'minutes' },
    { header: t('serveMedian'), kind: 'minutes' },
    { header: t('serveP90'), kind: 'minutes' },
  ];
}

function figureCells(f: ReportFigures): DocCell[] {
  return [
    f.issued,
    f.called,
    f.served,
    f.noShow,
    f.transferred,
    f.cancelled,
    f.parked,
    minutes(f.wait.meanMs),
    minutes(f.wait.medianMs),
    minutes(f.wait.p90Ms),
    f.wait.withinTargetShare,
    minutes(f.serve.meanMs),
    minutes(f.serve.medianMs),
    minutes(f.serve.p90Ms),
  ];
}

export function directiveToDoc(report: StoredReport, lang: Lang): ExportDoc {
  const t = (w: Word) => W[w][lang];
  const data = report.data as DirectiveData;
  const L = (text: { fa: string; en?: string | undefined }) => localized(lang, text);

  const rowLabel = (dim: 'day' | 'other') => (r: ReportRow) => (dim === 'day' ? jalaliDay(r.key, lang) : L(r.label));
  const rowsSection = (title: Word, rows: readonly ReportRow[], first: string, dim: 'day' | 'other' = 'other') => ({
    title: t(title),
    columns: [{ header: first, kind: 'text' as const }, ...figureColumns(t)],
    rows: rows.map((r) => [rowLabel(dim)(r), ...figureCells(r.figures)]),
  });

  const summary = (d: DirectiveData): DocSection => {
    const cur = figureCells(d.total);
    const prev = figureCells(d.previousTotal);
    const cols = figureColumns(t);
    return {
      title: t('summary'),
      columns: [
        { header: t('measure'), kind: 'text' },
        { header: `${t('thisPeriod')} (${jalaliPeriodLabel(d.period.jalali, lang)})`, kind: 'text' },
        { header: `${t('previousPeriod')} (${jalaliPeriodLabel(d.previousPeriod.jalali, lang)})`, kind: 'text' },
      ],
      // One measure a row: counts, minutes and shares mixed in a column, so each cell is a number.
      rows: cols.map((c, i) => [c.header, cur[i] ?? null, prev[i] ?? null]),
    };
  };

  const subtitle = (scope: ScopeInfo, due: Word): string[] => {
    const lines = [
      `${t('period')}: ${jalaliPeriodLabel(data.period.jalali, lang)} — ${t('days')} ${jalaliDay(data.period.from, lang)}–${jalaliDay(data.period.to, lang)}`,
    ];
    if (scope.level === 'branch') {
      lines.push(`${t('province')}: ${L(scope.province)}`);
      if (scope.branchType !== null) lines.push(`${t('branchType')}: ${localDigits(lang, scope.branchType)}`);
    }
    lines.push(`${t('generated')}: ${madeAt(report.generatedAt, lang)}`, t(due));
    return lines;
  };

  const notYetSections = (held: { [K in keyof NotYetHeld]: null | undefined }): DocSection[] =>
    (Object.keys(held) as (keyof NotYetHeld)[])
      .filter((k) => held[k] === null)
      .map((k) => ({
        title: t(k),
        columns: [{ header: t('note'), kind: 'text' }],
        rows: [[t('notYet')]],
      }));

  const surveySection = (sv: QuarterlySurvey): DocSection => ({
    title: `${t('survey')} — ${lang === 'fa' ? 'پاسخ‌ها' : 'answers'}: ${localDigits(lang, sv.answers)}`,
    columns: [
      { header: lang === 'fa' ? 'محور سنجش' : 'Axis', kind: 'text' },
      { header: lang === 'fa' ? 'میانگین (۱ تا ۵)' : 'Mean (1–5)', kind: 'minutes' },
      ...SURVEY_SCALE.map((l): DocColumn => ({ header: l.label[lang], kind: 'int' })),
    ],
    rows: sv.byAxis.map((r) => [
      lang === 'fa' ? r.label.fa : (r.label.en ?? r.label.fa),
      r.mean,
      ...SURVEY_SCALE.map((l) => r.distribution[l.value - 1] ?? 0),
    ]),
  });

  const unarchived = (days: readonly string[]): DocSection[] =>
    days.length === 0
      ? []
      : [
          {
            title: t('unarchivedNote'),
            columns: [{ header: t('days'), kind: 'text' }],
            rows: days.map((d) => {
              const [branchId, day] = d.split('/');
              return [`${branchId} ${jalaliDay(day ?? '', lang)}`];
            }),
          },
        ];

  const fileName = report.id.replace(/\//g, '-').replace(/[^A-Za-z0-9-]/g, '-');
  const durationOf = (d: { value: number; unit: DurationUnit }) => durationText(lang, d.value, d.unit);

  if (data.kind === 'crm-monthly') {
    const d: CrmMonthlyData = data;
    const scopeName = L(d.scope.name);
    const branch = d.scope.level === 'branch';
    const sections: DocSection[] = [
      summary(d),
      setupSection(d.setup, t, branch),
      ...(branch ? signsAndInfo(d.setup, t, L, durationOf) : []),
      {
        ...rowsSection('byService', d.byService, t('subService')),
        charts: [
          barOf(t('servedByService'), t('served'), d.byService, L, (f) => f.served),
          barOf(t('waitByService'), t('waitMean'), d.byService, L, (f) => minutes(f.wait.meanMs)),
        ],
      },
      ...(branch
        ? [rowsSection('byCounter', d.byCounter, t('counterNo')), rowsSection('byClerk', d.byClerk, t('clerk'))]
        : [rowsSection('byBranch', d.byBranch, t('branches'))]),
      {
        ...rowsSection('byDay', d.byDay, t('byDay'), 'day'),
        charts: [
          {
            kind: 'line',
            title: t('dailyServed'),
            labels: d.byDay.map((r) => jalaliDay(r.key, lang)),
            series: [{ name: t('served'), values: d.byDay.map((r) => r.figures.served) }],
          },
        ],
      },
      {
        ...rowsSection('byHour', d.byHour, t('byHour')),
        charts: [barOf(t('hourlyIssued'), t('issued'), d.byHour, L, (f) => f.issued)],
      },
      rowsSection('byWeekday', d.byWeekday, t('byWeekday')),
      ...notYetSections(d.notYetHeld),
      ...unarchived(d.unarchivedDays),
    ];
    return {
      lang,
      fileName,
      title: `${t('crmTitle')} — ${scopeName} — ${jalaliPeriodLabel(d.period.jalali, lang)}`,
      subtitle: subtitle(d.scope, 'crmDue'),
      timeZone: 'Asia/Tehran',
      sections,
    };
  }

  const d: QuarterlyData = data;
  const sections: DocSection[] = [
    summary(d),
    {
      title: t('agreed'),
      columns: [
        { header: t('subService'), kind: 'text' },
        { header: t('avgDuration'), kind: 'text' },
        { header: t('agreedMinutes'), kind: 'minutes' },
        { header: t('workflowSteps'), kind: 'int' },
        { header: t('workflowMinutes'), kind: 'minutes' },
        ...figureColumns(t),
        { header: t('serveToAgreed'), kind: 'percent' },
      ],
      rows: d.services.map((s) => [
        L(s.title),
        durationOf(s.agreed.averageDuration),
        s.agreed.averageMinutes,
        s.agreed.workflow.length,
        s.agreed.workflowMinutes,
        ...figureCells(s.figures),
        s.serveToAgreed,
      ]),
      charts: [
        {
          kind: 'bar',
          title: t('serveVsAgreed'),
          labels: d.services.map((s) => L(s.title)),
          series: [
            { name: t('serveMean'), values: d.services.map((s) => minutes(s.figures.serve.meanMs)) },
            { name: t('agreedMinutes'), values: d.services.map((s) => s.agreed.averageMinutes) },
          ],
        },
        {
          kind: 'bar',
          title: t('servedByService'),
          labels: d.services.map((s) => L(s.title)),
          series: [{ name: t('served'), values: d.services.map((s) => s.figures.served) }],
        },
      ],
    },
    {
      title: t('workflow'),
      columns: [
        { header: t('subService'), kind: 'text' },
        { header: t('row'), kind: 'int' },
        { header: t('step'), kind: 'text' },
        { header: t('unit'), kind: 'text' },
        { header: t('post'), kind: 'text' },
        { header: t('duration'), kind: 'text' },
      ],
      rows: d.services.flatMap((s) =>
        s.agreed.workflow.map((w) => [
          L(s.title),
          w.row,
          w.title,
          w.unit,
          w.post,
          durationOf({ value: w.duration, unit: w.durationUnit }),
        ]),
      ),
    },
    // [SU6] The survey's results by axis when anyone answered; otherwise the section says it is empty.
    ...(d.survey ? [surveySection(d.survey)] : []),
    ...notYetSections(d.survey ? { ...d.notYetHeld, survey: undefined } : d.notYetHeld),
    ...unarchived(d.unarchivedDays),
  ];
  return {
    lang,
    fileName,
    title: `${t('quarterlyTitle')} — ${L(d.scope.name)} — ${jalaliPeriodLabel(d.period.jalali, lang)}`,
    subtitle: subtitle(d.scope, 'quarterlyDue'),
    timeZone: 'Asia/Tehran',
    sections,
  };
}

function setupSection(s: DeskSetup, t: (w: Word) => string, branch: boolean): DocSection {
  return {
    title: t('setup'),
    columns: [
      { header: t('measure'), kind: 'text' },
      { header: t('value'), kind: 'int' },
    ],
    rows: [
      ...(branch ? [] : [[t('branches'), s.branches]]),
      [t('counters'), s.counters],
      [t('subServices'), s.subServices],
      [t('clerks'), s.clerks],
    ],
  };
}

function signsAndInfo(
  s: DeskSetup,
  t: (w: Word) => string,
  L: (x: { fa: string; en?: string | undefined }) => string,
  durationOf: (d: { value: number; unit: DurationUnit }) => string,
): DocSection[] {
  const yn = (b: boolean) => t(b ? 'yes' : 'no');
  return [
    {
      title: t('signs'),
      columns: [
        { header: t('counterNo'), kind: 'int' },
        { header: t('title'), kind: 'text' },
        { header: t('servicesOnSign'), kind: 'text' },
      ],
      rows: s.signs.map((k) => [k.number, L(k.title), k.services.map(L).join(t('listSeparator'))]),
    },
    {
      title: t('info'),
      columns: [
        { header: t('subService'), kind: 'text' },
        { header: t('avgDuration'), kind: 'text' },
        { header: t('workflowSteps'), kind: 'int' },
        { header: t('documents'), kind: 'int' },
        { header: t('fees'), kind: 'int' },
        { header: t('complaintRoute'), kind: 'text' },
        { header: t('contact'), kind: 'text' },
      ],
      rows: s.infoPackages.map((p) => [
        L(p.title),
        durationOf(p.averageDuration),
        p.workflowSteps,
        p.requiredDocuments,
        p.fees,
        yn(p.hasComplaintRoute),
        yn(p.hasResponsibleContact),
      ]),
    },
  ];
}

function barOf(
  title: string,
  series: string,
  rows: readonly ReportRow[],
  L: (x: { fa: string; en?: string | undefined }) => string,
  value: (f: ReportFigures) => number | null,
): DocChart {
  return {
    kind: 'bar',
    title,
    labels: rows.map((r) => L(r.label)),
    series: [{ name: series, values: rows.map((r) => value(r.figures)) }],
  };
}
