// The desk's words in Persian (first) and English, and numbers, times and durations as each reader
// expects them.
import { clockTime, jalaliShortDate, type Lang, type LocalizedText, localDigits, type Message } from '@nobat/protocol';

const words = {
  appTitle: { fa: 'میز کار باجه', en: 'Counter desk' },
  signInTitle: { fa: 'ورود به میز کار باجه', en: 'Sign in to the counter desk' },
  username: { fa: 'نام کاربری', en: 'Username' },
  password: { fa: 'گذرواژه', en: 'Password' },
  signIn: { fa: 'ورود', en: 'Sign in' },
  signInFailed: { fa: 'ورود ناموفق بود.', en: 'Sign-in failed.' },
  sessionExpired: {
    fa: 'نشست شما به پایان رسید. دوباره وارد شوید؛ باجه همان‌طور که گذاشتید می‌ماند.',
    en: 'Your session has ended. Sign in again; your counter is kept as you left it.',
  },
  signOut: { fa: 'خروج', en: 'Sign out' },
  changePassword: { fa: 'تغییر گذرواژه', en: 'Change password' },
  changePasswordTitle: { fa: 'گزینش گذرواژهٔ تازه', en: 'Choose a new password' },
  mustChangePassword: {
    fa: 'گذرواژهٔ شما یک‌بارمصرف است. پیش از هر کاری، گذرواژهٔ تازه‌ای برگزینید.',
    en: 'Your password is a one-time password. Choose a new one before anything else.',
  },
  currentPassword: { fa: 'گذرواژهٔ کنونی', en: 'Current password' },
  newPassword: { fa: 'گذرواژهٔ تازه', en: 'New password' },
  atLeast: { fa: 'دست‌کم', en: 'at least' },
  characters: { fa: 'نویسه', en: 'characters' },
  repeatPassword: { fa: 'تکرار گذرواژهٔ تازه', en: 'New password again' },
  passwordsDiffer: { fa: 'دو گذرواژهٔ تازه یکسان نیستند.', en: 'The two new passwords differ.' },
  savePassword: { fa: 'ثبت گذرواژهٔ تازه', en: 'Save the new password' },
  back: { fa: 'بازگشت', en: 'Back' },
  language: { fa: 'English', en: 'فارسی' },
  welcome: { fa: 'خوش آمدید،', en: 'Welcome,' },
  pickCounter: { fa: 'باجه‌ای را که پشت آن هستید انتخاب کنید:', en: 'Choose the counter you are at:' },
  counter: { fa: 'باجه', en: 'Counter' },
  takenByColleague: { fa: 'در دست همکار', en: 'taken by a colleague' },
  free: { fa: 'آزاد', en: 'free' },
  leaveCounter: { fa: 'ترک باجه', en: 'Leave counter' },
  confirmLeave: { fa: 'باجه بسته شود؟', en: 'Close this counter?' },
  offline: {
    fa: 'ارتباط با سرور قطع است؛ در حال اتصال دوباره… نوبت در دست شما محفوظ است.',
    en: 'Connection to the server lost; reconnecting… The ticket at your counter is kept.',
  },
  noTicket: { fa: 'نوبتی در دست نیست', en: 'No ticket at the counter' },
  queueEmpty: { fa: 'صف خالی است.', en: 'The queue is empty.' },
  status_waiting: { fa: 'در انتظار', en: 'waiting' },
  status_called: { fa: 'فراخوانده شد', en: 'called' },
  status_serving: { fa: 'در حال خدمت', en: 'being served' },
  status_parked: { fa: 'کنار گذاشته', en: 'parked' },
  status_finished: { fa: 'پایان یافته', en: 'finished' },
  'status_no-show': { fa: 'غایب', en: 'no-show' },
  status_cancelled: { fa: 'لغو شده', en: 'cancelled' },
  priority: { fa: 'اولویت', en: 'Priority' },
  waited: { fa: 'زمان انتظار', en: 'Waited' },
  serving: { fa: 'زمان خدمت', en: 'Serving for' },
  sinceCalled: { fa: 'از فراخوان', en: 'Since called' },
  recalls: { fa: 'فراخوان دوباره', en: 'Recalls' },
  transfers: { fa: 'ارجاع', en: 'Transfers' },
  note: { fa: 'یادداشت', en: 'Note' },
  next: { fa: 'نوبت بعدی', en: 'Next ticket' },
  recall: { fa: 'فراخوانی دوباره', en: 'Recall' },
  start: { fa: 'شروع خدمت', en: 'Start' },
  finish: { fa: 'پایان خدمت', en: 'Finish' },
  noShow: { fa: 'غایب', en: 'No-show' },
  transfer: { fa: 'ارجاع', en: 'Transfer' },
  park: { fa: 'کنار گذاشتن', en: 'Park' },
  callTicket: { fa: 'فراخوان شمارهٔ خاص', en: 'Call a number' },
  pause: { fa: 'توقف', en: 'Pause' },
  resume: { fa: 'ادامهٔ کار', en: 'Resume' },
  documents: { fa: 'مدارک لازم', en: 'Required documents' },
  noDocuments: { fa: 'این خدمت مدرکی لازم ندارد.', en: 'This sub-service needs no documents.' },
  recordDocuments: { fa: 'ثبت مدارک', en: 'Record documents' },
  documentsComplete: { fa: 'مدارک کامل است.', en: 'Documents complete.' },
  tellVisitor: {
    fa: 'مدارک ناقص ثبت شد؛ همین حالا به مراجعه‌کننده بگویید (روی صفحهٔ پیگیری او هم آمده):',
    en: 'Missing documents recorded; tell the visitor now (their tracking page shows it too):',
  },
  documentsNotChecked: { fa: 'مدارک هنوز بررسی نشده', en: 'Documents not checked yet' },
  queue: { fa: 'صف این باجه', en: "This counter's queue" },
  nextNumbers: { fa: 'نوبت‌های بعدی', en: 'Next numbers' },
  parked: { fa: 'کنار گذاشته‌ها', en: 'Parked' },
  call: { fa: 'فراخوان', en: 'Call' },
  unpark: { fa: 'بازگشت به صف', en: 'Back to queue' },
  numberToCall: { fa: 'شمارهٔ نوبت', en: 'Ticket number' },
  notInQueue: {
    fa: 'این شماره در صف یا کنار گذاشته‌های این باجه نیست.',
    en: 'That number is not in this counter’s queue or parked list.',
  },
  transferTitle: { fa: 'ارجاع نوبت', en: 'Transfer the ticket' },
  toService: { fa: 'به زیرخدمت', en: 'To sub-service' },
  toCounter: { fa: 'به باجه', en: 'To counter' },
  choose: { fa: '— انتخاب کنید —', en: '— choose —' },
  noteForNext: { fa: 'یادداشت برای همکار', en: 'Note for the next clerk' },
  confirm: { fa: 'تأیید', en: 'Confirm' },
  cancel: { fa: 'انصراف', en: 'Cancel' },
  pauseTitle: { fa: 'توقف باجه', en: 'Pause the counter' },
  otherReason: { fa: 'علت دیگر…', en: 'Other reason…' },
  paused: { fa: 'باجه متوقف است', en: 'Counter paused' },
  parkNote: { fa: 'یادداشت (اختیاری)', en: 'Note (optional)' },
  parkReason: { fa: 'علت', en: 'Reason' },
  park_documents: { fa: 'رفته مدارک را کامل کند', en: 'Gone to complete documents' },
  park_payment: { fa: 'رفته هزینه را بپردازد', en: 'Gone to pay a fee' },
  park_other: { fa: 'علت دیگر', en: 'Other reason' },
  day: { fa: 'کارکرد امروز', en: "Today's work" },
  backToDesk: { fa: 'بازگشت به باجه', en: 'Back to the desk' },
  servedCount: { fa: 'خدمت‌شده', en: 'Served' },
  noShowCount: { fa: 'غایب', en: 'No-shows' },
  averageServe: { fa: 'میانگین زمان خدمت', en: 'Average serving time' },
  minutes: { fa: 'دقیقه', en: 'min' },
  dailyLog: { fa: 'جدول ۲ — دفتر روزانهٔ کارمند میز خدمت', en: "Table 2 — clerk's daily log" },
  print: { fa: 'چاپ', en: 'Print' },
  download: { fa: 'دریافت فایل', en: 'Download' },
  fileCsv: { fa: 'CSV', en: 'CSV' },
  fileXlsx: { fa: 'اکسل', en: 'Excel' },
  filePdf: { fa: 'PDF', en: 'PDF' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  date: { fa: 'تاریخ', en: 'Date' },
  row: { fa: 'ردیف', en: '#' },
  receiptNumber: { fa: 'شمارهٔ رسید', en: 'Receipt no.' },
  subService: { fa: 'زیرخدمت', en: 'Sub-service' },
  receivedAt: { fa: 'تاریخ دریافت درخواست', en: 'Request received' },
  promisedAt: { fa: 'تاریخ وعدهٔ پاسخ', en: 'Response promised' },
  handedAt: { fa: 'تاریخ ارسال به نخستین مرحله', en: 'Sent to first stage' },
  respondedAt: { fa: 'تاریخ دریافت پاسخ از آخرین مرحله', en: 'Answer from last stage' },
  deliveredAt: { fa: 'تاریخ تحویل به مراجعه‌کننده', en: 'Delivered to visitor' },
  outcome: { fa: 'نتیجه', en: 'Outcome' },
  serveTime: { fa: 'مدت خدمت', en: 'Serving time' },
  outcome_finished: { fa: 'انجام شد', en: 'done' },
  'outcome_no-show': { fa: 'غایب', en: 'no-show' },
  outcome_cancelled: { fa: 'لغو', en: 'cancelled' },
  outcome_transferred: { fa: 'ارجاع', en: 'transferred' },
  outcome_open: { fa: 'در جریان', en: 'open' },
  emptyLog: { fa: 'امروز هنوز کاری ثبت نشده است.', en: 'Nothing recorded today yet.' },
  checkIn: { fa: 'نوبت اینترنتی', en: 'Appointment check-in' },
  checkInTitle: { fa: 'حضور نوبت اینترنتی', en: 'Check in an appointment' },
  checkInWho: { fa: 'کد پیگیری یا کد ملی', en: 'Booking code or national ID' },
  checkInHint: {
    fa: 'کد ۷ رقمی نوبت یا کد ملی ۱۰ رقمی؛ رقم فارسی یا لاتین.',
    en: 'The 7-digit booking code or the 10-digit national ID, in Persian or Latin digits.',
  },
  checkInDo: { fa: 'ثبت حضور و صدور نوبت', en: 'Check in and issue the ticket' },
  checkedInTicket: { fa: 'شمارهٔ نوبت', en: 'Ticket number' },
  checkedInLate: {
    fa: 'دیر رسیده؛ نوبت عادی صادر شد.',
    en: 'Late arrival: a normal ticket was issued.',
  },
  checkedInOnTime: {
    fa: 'به‌موقع؛ در زمان نوبت پیش از دیگران فراخوانده می‌شود.',
    en: 'On time: called ahead of others once the slot is due.',
  },
  checkInAnother: { fa: 'ثبت حضور دیگر', en: 'Another check-in' },
  makeRequest: { fa: 'ثبت درخواست', en: 'Make a request' },
  requests: { fa: 'درخواست‌ها', en: 'Requests' },
  shortcuts: { fa: 'میان‌برهای صفحه‌کلید', en: 'Keyboard shortcuts' },
  shortcutsHint: {
    fa: 'میان‌برها با صفحه‌کلید فارسی هم کار می‌کنند. Esc پنجره را می‌بندد.',
    en: 'Shortcuts work with the Persian keyboard layout too. Esc closes a dialog.',
  },
} satisfies Record<string, LocalizedText & { en: string }>;

export type Word = keyof typeof words;

export const t = (lang: Lang, w: Word): string => words[w][lang];

/** A word in both languages, for a notice that follows the reader's language switch. */
export const message = (w: Word): Message => words[w];

/** A running duration as m:ss (or h:mm:ss), in the reader's digits. */
export function duration(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  const text = hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
  return localDigits(lang, text);
}

/** «۱۵ دقیقهٔ دیگر دوباره تلاش کنید.»: a wait of `seconds`, in seconds, minutes or hours as fits. */
export function tryAgainIn(lang: Lang, seconds: number): string {
  const [n, unit] =
    seconds < 60
      ? [seconds, { fa: 'ثانیهٔ', en: 'second' }]
      : seconds < 7200
        ? [Math.ceil(seconds / 60), { fa: 'دقیقهٔ', en: 'minute' }]
        : [Math.ceil(seconds / 3600), { fa: 'ساعت', en: 'hour' }];
  return lang === 'fa'
    ? `${localDigits('fa', n)} ${unit.fa} دیگر دوباره تلاش کنید.`
    : `Try again in ${n} ${unit.en}${n === 1 ? '' : 's'}.`;
}

/** Minutes with one decimal at most («۳٫۵ دقیقه»). */
export function minutesText(lang: Lang, minutes: number): string {
  const rounded = Math.round(minutes * 10) / 10;
  const text = lang === 'fa' ? String(rounded).replace('.', '٫') : String(rounded);
  return `${localDigits(lang, text)} ${t(lang, 'minutes')}`;
}

/** «۱۴۰۵/۰۹/۰۱ ۱۰:۳۰», for table cells. */
export const shortDateTime = (lang: Lang, at: string | number) => `${jalaliShortDate(at, lang)} ${clockTime(at, lang)}`;
