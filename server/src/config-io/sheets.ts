// The workbook's layout: one sheet per list of a branch's configuration, each column with its key
// (row 2, what the importer reads) and its Persian header (row 1, what the office reads). The
// importer finds sheets by the key in brackets at the end of their name and columns by key, so a
// translated header or a renamed sheet title never changes what a cell means.

/** How a cell is written and read back. */
export type CellKind =
  | 'id' // text, trimmed
  | 'text' // text
  | 'int'
  | 'number'
  | 'bool'
  | 'time' // HH:MM, kept as text
  | 'date' // a holiday: Jalali or ISO, written as Jalali
  | 'ids' // ids separated by commas
  | 'unit' // DurationUnit
  | 'kind' // PriorityKind
  | 'balancing'; // Balancing

export interface Column {
  key: string;
  fa: string;
  kind: CellKind;
  width?: number;
  /** Shown as the header's note: what the column means and what it takes. */
  note?: string;
  /** Object-level problems (a refine of the record) that land on this column, e.g. "numbering" on "to". */
  claims?: readonly string[];
  /** For reading only: the importer does not need it (a label, a help text). */
  optional?: true;
}

export interface SheetSpec {
  key: string;
  fa: string;
  columns: readonly Column[];
  /** A key/value sheet (the branch) rather than a list. */
  keyValue?: true;
}

export const FORMAT = 'nobat-branch-config';
export const FORMAT_VERSION = 1 as const;

const loc = (key: string, fa: string, width = 28, faNote?: string): Column[] => [
  { key: `${key}.fa`, fa: `${fa} (فارسی)`, kind: 'text', width, ...(faNote ? { note: faNote } : {}) },
  { key: `${key}.en`, fa: `${fa} (انگلیسی)`, kind: 'text', width },
];
const service: Column = { key: 'serviceId', fa: 'شناسهٔ خدمت', kind: 'id', width: 18 };

export const WEEKDAYS = [
  ['sat', 'شنبه'],
  ['sun', 'یکشنبه'],
  ['mon', 'دوشنبه'],
  ['tue', 'سه‌شنبه'],
  ['wed', 'چهارشنبه'],
  ['thu', 'پنجشنبه'],
  ['fri', 'جمعه'],
] as const;

export const UNITS = [
  ['minute', 'دقیقه'],
  ['hour', 'ساعت'],
  ['day', 'روز'],
  ['week', 'هفته'],
  ['month', 'ماه'],
] as const;

export const PRIORITY_KINDS = [
  ['normal', 'عادی'],
  ['priority', 'اولویت‌دار'],
  ['appointment', 'نوبت اینترنتی'],
] as const;

/** [B7–B9] The balancing modes, by their words in the workbook. */
export const BALANCINGS = [
  ['strict', 'ترتیب وزن'],
  ['proportional', 'سهم به نسبت وزن'],
  ['longest-wait', 'بیشترین انتظار'],
] as const;

/** The branch's own fields and its settings, one per row (key, value). */
export const BRANCH_KEYS: readonly Column[] = [
  { key: 'id', fa: 'شناسهٔ شعبه', kind: 'id', note: 'با ورود فایل تغییر نمی‌کند' },
  { key: 'organisationId', fa: 'شناسهٔ سازمان', kind: 'id' },
  { key: 'provincialOfficeId', fa: 'شناسهٔ ادارهٔ کل استان', kind: 'id' },
  { key: 'name.fa', fa: 'نام شعبه (فارسی)', kind: 'text' },
  { key: 'name.en', fa: 'نام شعبه (انگلیسی)', kind: 'text' },
  { key: 'type', fa: 'نوع شعبه (۱ تا ۹)', kind: 'int' },
  { key: 'address', fa: 'نشانی', kind: 'text' },
  { key: 'timeZone', fa: 'منطقهٔ زمانی', kind: 'text', note: 'مانند Asia/Tehran' },
  {
    key: 'settings.noShowAfterRecalls',
    fa: 'غایب پس از چند بار فراخوانی مجدد',
    kind: 'int',
    note: 'فراخوانی مجدد نوبتی که این تعداد بار دوباره خوانده شده، آن را غایب می‌زند (۰: هرگز)',
  },
  {
    key: 'settings.maxPriorityInRow',
    fa: 'حداکثر نوبت اولویت‌دار پشت سر هم',
    kind: 'int',
    note: 'در یک باجه، وقتی نوبت عادی منتظر است؛ خالی: بدون سقف',
  },
  {
    key: 'settings.agingWeightPerTarget',
    fa: 'وزن انتظار به ازای هر زمان هدف',
    kind: 'number',
    note: 'امتیازی که نوبت منتظر به ازای هر بار گذشتن زمان انتظار هدف می‌گیرد',
  },
  {
    key: 'settings.appointmentEarlyMinutes',
    fa: 'نوبت اینترنتی: دقیقه‌های پیش از زمان',
    kind: 'int',
    note: 'نوبت اینترنتی از این چند دقیقه پیش از زمانش قابل فراخوانی است',
  },
  {
    key: 'settings.estimateWindow',
    fa: 'تعداد خدمت‌های اخیر در برآورد',
    kind: 'int',
    note: 'برآورد زمان خدمت، میانگین این تعداد خدمت اخیر است',
  },
  {
    key: 'settings.keypadStaleSeconds',
    fa: 'کهنگی فشار کلید (ثانیه)',
    kind: 'int',
    note: 'فشار کلید صفحه‌کلید باجه که دیرتر از این برسد اجرا نمی‌شود',
  },
  {
    key: 'settings.keypadNextGraceSeconds',
    fa: 'مهلت کلید بعدی پس از فراخوان (ثانیه)',
    kind: 'int',
    note: 'کلید «بعدی» در این چند ثانیه پس از فراخوان نادیده گرفته می‌شود',
  },
  {
    key: 'settings.balancing',
    fa: 'شیوهٔ توزیع نوبت میان خدمات باجه',
    kind: 'balancing',
    note: 'ترتیب وزن: اول خدمت با وزن بیشتر؛ سهم به نسبت وزن: مثلاً ۳ به ۱؛ بیشترین انتظار: منتظرترین نوبت (اولویت‌دار همچنان اول)',
  },
  {
    key: 'settings.alerts.queueLongerThan',
    fa: 'هشدار صف طولانی: بیش از چند منتظر',
    kind: 'int',
    note: 'هشدار به سرپرست وقتی بیش از این تعداد نوبت برای یک خدمت منتظر است',
  },
  {
    key: 'settings.alerts.pausedLongerThanMinutes',
    fa: 'هشدار توقف باجه (دقیقه)',
    kind: 'int',
    note: 'هشدار وقتی باجه بیش از این چند دقیقه در توقف است',
  },
  {
    key: 'settings.alerts.idleGraceSeconds',
    fa: 'هشدار بیکاری باجه (ثانیه)',
    kind: 'int',
    note: 'باجهٔ باز بی‌نوبت در حالی که نوبتی که می‌تواند بخواند بیش از این منتظر است',
  },
  {
    key: 'settings.alerts.offlineGraceSeconds',
    fa: 'هشدار قطع دستگاه (ثانیه)',
    kind: 'int',
    note: 'هشدار وقتی دستگاهی بیش از این چند ثانیه قطع یا در خطاست',
  },
  {
    key: 'settings.requireKioskToken',
    fa: 'نوبت فقط از کیوسک',
    kind: 'bool',
    note: 'بله: نوبت اینترنتی بدون دستگاه کیوسک پذیرفته نمی‌شود',
  },
  {
    key: 'settings.phone.enabled',
    fa: 'نوبت از راه تلفن همراه',
    kind: 'bool',
    note: 'بله: صفحهٔ /q/ این شعبه با کد پیامکی نوبت می‌دهد',
  },
  {
    key: 'settings.phone.perNumberDaily',
    fa: 'نوبت تلفنی هر شماره در روز',
    kind: 'int',
    note: 'بیشترین نوبتی که یک شمارهٔ همراه در یک روز از این شعبه می‌گیرد',
  },
  {
    key: 'settings.phone.codeAttempts',
    fa: 'دفعات ورود کد تأیید',
    kind: 'int',
    note: 'پس از این تعداد کد نادرست، کد باطل می‌شود',
  },
  {
    key: 'settings.phone.codeMinutes',
    fa: 'اعتبار کد تأیید (دقیقه)',
    kind: 'int',
    note: 'کد تأیید پس از این چند دقیقه منقضی می‌شود',
  },
  {
    key: 'settings.phone.challengesPerHour',
    fa: 'کد تأیید در هر ساعت',
    kind: 'int',
    note: 'بیشترین کدی که برای یک شماره یا یک نشانی در یک ساعت فرستاده می‌شود',
  },
  {
    key: 'settings.phone.latePlaces',
    fa: '«دیر می‌رسم»: چند نفر عقب',
    kind: 'int',
    note: 'نوبتِ گرفته‌شده با تلفن یک بار این تعداد نفر عقب می‌رود',
  },
  {
    key: 'settings.sms.enabled',
    fa: 'پیامک به مراجعان',
    kind: 'bool',
    note: 'بله (پیش‌فرض): پیامک دریافت نوبت، نزدیک شدن نوبت، فراخوان و نظرسنجی برای مراجعی که شمارهٔ همراه داده',
  },
  {
    key: 'settings.sms.aheadAt',
    fa: 'پیامک «چند نفر جلوی شما»',
    kind: 'int',
    note: 'وقتی این تعداد نفر (یا کمتر) جلوی مراجع باشند یک بار پیامک می‌رود (پیش‌فرض ۳)',
  },
  {
    key: 'settings.sms.nightFrom',
    fa: 'پیامک: آغاز ساعات شب',
    kind: 'time',
    note: 'HH:MM؛ از این ساعت پیامک‌ها (جز کد یک‌بارمصرف) تا پایان ساعات شب نگه داشته می‌شوند (پیش‌فرض 21:00)',
  },
  {
    key: 'settings.sms.nightUntil',
    fa: 'پیامک: پایان ساعات شب',
    kind: 'time',
    note: 'HH:MM (پیش‌فرض 07:00)',
  },
];

export const SHEETS = {
  readme: {
    key: 'readme',
    fa: 'راهنما',
    columns: [
      { key: 'key', fa: 'کلید', kind: 'text', width: 20 },
      { key: 'value', fa: 'مقدار', kind: 'text', width: 100 },
    ],
  },
  branch: {
    key: 'branch',
    fa: 'شعبه',
    keyValue: true,
    columns: [
      { key: 'key', fa: 'کلید', kind: 'text', width: 32 },
      { key: 'label', fa: 'عنوان', kind: 'text', width: 36, optional: true },
      { key: 'value', fa: 'مقدار', kind: 'text', width: 44 },
      { key: 'help', fa: 'توضیح', kind: 'text', width: 70, optional: true },
    ],
  },
  hours: {
    key: 'hours',
    fa: 'ساعات کار',
    columns: [
      ...WEEKDAYS.map(([key, fa]): Column => ({ key: `days.${key}`, fa, kind: 'bool', width: 11 })),
      { key: 'open', fa: 'از ساعت', kind: 'time', width: 12, note: 'HH:MM، مانند 07:30' },
      { key: 'close', fa: 'تا ساعت', kind: 'time', width: 12, note: 'HH:MM؛ 24:00 یعنی تا پایان روز', claims: [''] },
    ],
  },
  holidays: {
    key: 'holidays',
    fa: 'تعطیلات',
    columns: [{ key: 'date', fa: 'تاریخ', kind: 'date', width: 16, note: 'تاریخ شمسی مانند ۱۴۰۵/۰۱/۰۱' }],
  },
  groups: {
    key: 'groups',
    fa: 'گروه‌های خدمت',
    columns: [
      { key: 'id', fa: 'شناسه', kind: 'id', width: 18 },
      ...loc('title', 'عنوان', 34),
      { key: 'order', fa: 'ترتیب', kind: 'int', width: 10 },
    ],
  },
  services: {
    key: 'services',
    fa: 'خدمات',
    columns: [
      { key: 'id', fa: 'شناسه', kind: 'id', width: 18 },
      { key: 'groupId', fa: 'شناسهٔ گروه', kind: 'id', width: 16 },
      ...loc('title', 'عنوان', 36),
      {
        key: 'numbering.prefix',
        fa: 'پیشوند شماره',
        kind: 'text',
        width: 12,
        note: 'تا سه حرف بزرگ لاتین؛ خالی: بدون پیشوند',
      },
      { key: 'numbering.from', fa: 'شماره از', kind: 'int', width: 11 },
      { key: 'numbering.to', fa: 'شماره تا', kind: 'int', width: 11, claims: ['numbering'] },
      { key: 'numbering.digits', fa: 'تعداد رقم', kind: 'int', width: 10, note: 'خالی: بدون صفر در آغاز' },
      { key: 'dailyCap', fa: 'سقف روزانه', kind: 'int', width: 11, note: 'خالی: بدون سقف' },
      { key: 'targetWaitMinutes', fa: 'انتظار هدف (دقیقه)', kind: 'number', width: 13 },
      { key: 'averageServiceMinutes', fa: 'میانگین خدمت (دقیقه)', kind: 'number', width: 14 },
      { key: 'active', fa: 'فعال', kind: 'bool', width: 8 },
      // [AP1] Appointments: an empty slot length means the sub-service is not booked online.
      {
        key: 'appointments.slotMinutes',
        fa: 'نوبت اینترنتی: طول نوبت (دقیقه)',
        kind: 'int',
        width: 14,
        note: 'خالی: نوبت اینترنتی ندارد',
      },
      { key: 'appointments.perSlot', fa: 'نوبت اینترنتی: ظرفیت هر نوبت', kind: 'int', width: 14 },
      { key: 'appointments.daysAhead', fa: 'نوبت اینترنتی: تا چند روز آینده', kind: 'int', width: 14 },
      { key: 'appointments.graceMinutes', fa: 'نوبت اینترنتی: مهلت تأخیر (دقیقه)', kind: 'int', width: 14 },
    ],
  },
  info: {
    key: 'info',
    fa: 'شناسنامهٔ خدمت',
    columns: [
      service,
      { key: 'averageDuration.value', fa: 'مدت انجام کار', kind: 'number', width: 12 },
      { key: 'averageDuration.unit', fa: 'واحد مدت', kind: 'unit', width: 10 },
      ...loc('responsible.name', 'نام مسئول', 26),
      ...loc('responsible.post', 'سمت مسئول', 22),
      { key: 'responsible.phone', fa: 'تلفن', kind: 'text', width: 16 },
      { key: 'responsible.email', fa: 'رایانامه', kind: 'text', width: 22 },
      ...loc('complaintRoute', 'مسیر رسیدگی به شکایت', 30),
    ],
  },
  steps: {
    key: 'steps',
    fa: 'مراحل انجام کار',
    columns: [service, ...loc('text', 'مرحله', 44)],
  },
  documents: {
    key: 'documents',
    fa: 'مدارک لازم',
    columns: [
      service,
      { key: 'id', fa: 'شناسهٔ مدرک', kind: 'id', width: 16 },
      ...loc('title', 'عنوان مدرک', 34),
      { key: 'note', fa: 'توضیح', kind: 'text', width: 30 },
    ],
  },
  fees: {
    key: 'fees',
    fa: 'هزینه‌ها',
    columns: [
      service,
      ...loc('title', 'عنوان هزینه', 28),
      { key: 'amountRials', fa: 'مبلغ (ریال)', kind: 'int', width: 14 },
      ...loc('account', 'حساب واریز', 28),
      ...loc('legalBasis', 'مبنای قانونی', 30),
    ],
  },
  addresses: {
    key: 'addresses',
    fa: 'نشانی‌ها',
    columns: [service, ...loc('text', 'نشانی', 50)],
  },
  inquiries: {
    key: 'inquiries',
    fa: 'استعلام‌ها',
    columns: [service, ...loc('text', 'استعلام یا پرسش', 50)],
  },
  workflow: {
    key: 'workflow',
    fa: 'جدول ۱ گردش کار',
    columns: [
      service,
      { key: 'row', fa: 'ردیف', kind: 'int', width: 8 },
      { key: 'title', fa: 'عنوان مرحله', kind: 'text', width: 30 },
      { key: 'unit', fa: 'واحد', kind: 'text', width: 20 },
      { key: 'post', fa: 'سمت', kind: 'text', width: 20 },
      { key: 'duration', fa: 'مدت', kind: 'number', width: 10 },
      { key: 'durationUnit', fa: 'واحد مدت', kind: 'unit', width: 10 },
    ],
  },
  priorities: {
    key: 'priorities',
    fa: 'اولویت‌ها',
    columns: [
      { key: 'id', fa: 'شناسه', kind: 'id', width: 16 },
      ...loc('title', 'عنوان', 24),
      { key: 'kind', fa: 'نوع', kind: 'kind', width: 14, note: 'فقط یک ردیف «عادی»' },
      { key: 'weight', fa: 'وزن', kind: 'number', width: 10, note: 'به امتیاز نوبت افزوده می‌شود؛ عادی معمولاً ۰' },
    ],
  },
  counters: {
    key: 'counters',
    fa: 'باجه‌ها',
    columns: [
      { key: 'id', fa: 'شناسه', kind: 'id', width: 16 },
      { key: 'number', fa: 'شمارهٔ باجه', kind: 'int', width: 11 },
      ...loc('title', 'عنوان', 30),
      { key: 'active', fa: 'فعال', kind: 'bool', width: 8 },
      {
        key: 'balancing',
        fa: 'شیوهٔ توزیع',
        kind: 'balancing',
        width: 16,
        note: 'خالی: شیوهٔ شعبه؛ یا ترتیب وزن، سهم به نسبت وزن، بیشترین انتظار',
      },
    ],
  },
  counterServices: {
    key: 'counterServices',
    fa: 'خدمات باجه‌ها',
    columns: [
      { key: 'counterId', fa: 'شناسهٔ باجه', kind: 'id', width: 16 },
      service,
      {
        key: 'weight',
        fa: 'وزن (۱ تا ۱۰)',
        kind: 'int',
        width: 12,
        note: 'بیشتر: زودتر فراخوانده می‌شود (۱: گاهی، ۱۰: بیشتر)',
      },
    ],
  },
  clerks: {
    key: 'clerks',
    fa: 'کارمندان',
    columns: [
      { key: 'id', fa: 'شناسه', kind: 'id', width: 16 },
      { key: 'name', fa: 'نام', kind: 'text', width: 28 },
      { key: 'active', fa: 'فعال', kind: 'bool', width: 8 },
      {
        key: 'counters',
        fa: 'باجه‌های مجاز',
        kind: 'ids',
        width: 30,
        note: 'شناسهٔ باجه‌ها با ویرگول جدا شود؛ خالی: همهٔ باجه‌ها',
      },
    ],
  },
} as const satisfies Record<string, SheetSpec>;

export type SheetKey = keyof typeof SHEETS;

/** "خدمات (services)": the Persian title for the office, the key for the importer (at most 31 characters). */
export const sheetName = (s: SheetSpec): string => `${s.fa} (${s.key})`;
