// The bridge page's words, Persian first and English (kept here, not in i18n.ts: other pages' words
// are edited by others).
import type { Lang } from '@nobat/protocol';

const words = {
  title: { fa: 'پل ارتباطی', en: 'Bridge' },
  intro: {
    fa: 'گذرگاه دستگاه‌های باجه‌ها (RS-485) همان‌طور که این پل آخرین بار گزارش داده است: کدام نشانی پاسخ می‌دهد، کدام خاموش است و کجا دو دستگاه روی یک نشانی‌اند. از اینجا می‌توانید نمایشگری را آزمایش کنید یا برگهٔ آزمایشی چاپ کنید.',
    en: "The counters' device bus (RS-485) as this bridge last reported it: which addresses answer, which are silent, and where two devices share one address. From here you can test a display or print a test slip.",
  },
  linkToBus: { fa: 'گذرگاه و آزمون دستگاه‌ها', en: 'Bus and device tests' },
  back: { fa: 'بازگشت به دستگاه‌ها', en: 'Back to devices' },
  connected: { fa: 'پل ارتباطی به سرور وصل است.', en: 'The bridge is connected to the server.' },
  notConnected: {
    fa: 'پل ارتباطی اکنون به سرور وصل نیست؛ آنچه می‌بینید آخرین گزارش آن است.',
    en: 'The bridge is not connected to the server now; what you see is its last report.',
  },
  noReport: {
    fa: 'این پل ارتباطی هنوز گزارشی از گذرگاه نفرستاده است.',
    en: 'This bridge has not reported its bus yet.',
  },
  reportAt: { fa: 'زمان گزارش', en: 'Reported at' },
  bus: { fa: 'گذرگاه', en: 'Bus' },
  portOpen: { fa: 'درگاه باز', en: 'port open' },
  portClosed: { fa: 'درگاه بسته', en: 'port closed' },
  noise: { fa: 'قاب‌های خراب روی خط', en: 'damaged frames on the line' },
  scannedAt: { fa: 'آخرین جست‌وجو', en: 'Last scan' },
  scan: { fa: 'جست‌وجوی نشانی‌های آزاد', en: 'Scan free addresses' },
  scanHint: {
    fa: 'هر نشانیِ پیکربندی‌نشده یک بار پرسیده می‌شود (چند ثانیه تا نیم دقیقه).',
    en: 'Every unconfigured address is asked once (a few seconds to half a minute).',
  },
  address: { fa: 'نشانی', en: 'Address' },
  state: { fa: 'وضعیت', en: 'State' },
  device: { fa: 'دستگاه پیکربندی‌شده', en: 'Configured device' },
  reported: { fa: 'نوع گزارش‌شده', en: 'Reports itself as' },
  firmware: { fa: 'نسخهٔ میان‌افزار', en: 'Firmware' },
  lastAnswer: { fa: 'آخرین پاسخ', en: 'Last answer' },
  failures: { fa: 'بی‌پاسخ پیاپی', en: 'Missed in a row' },
  errors: { fa: 'خطاها (خراب / بی‌پاسخ)', en: 'Errors (damaged / missed)' },
  actions: { fa: 'آزمون', en: 'Test' },
  answers: { fa: 'پاسخ می‌دهد', en: 'Answers' },
  silent: { fa: 'خاموش', en: 'Silent' },
  collision: { fa: 'دو دستگاه روی یک نشانی', en: 'Two devices on one address' },
  unexpected: { fa: 'پیکربندی‌نشده', en: 'Not configured' },
  garbled: { fa: 'پاسخ‌های خراب', en: 'damaged answers' },
  identities: { fa: 'دو هویت در پاسخ‌ها', en: 'two identities answering' },
  'type-mismatch': { fa: 'نوع دستگاه با پیکربندی نمی‌خواند', en: 'device type differs from the configuration' },
  led: { fa: 'نمایشگر LED', en: 'LED display' },
  keypad: { fa: 'صفحه‌کلید', en: 'Keypad' },
  display: { fa: 'نمایشگر', en: 'display' },
  keys: { fa: 'صفحه‌کلید', en: 'keypad' },
  counter: { fa: 'باجه', en: 'counter' },
  never: { fa: 'هرگز', en: 'never' },
  none: { fa: '—', en: '—' },
  testPattern: { fa: 'الگوی آزمایشی', en: 'Test pattern' },
  patternShown: {
    fa: 'الگوی آزمایشی «۸۸۸۸» روی نمایشگر نشانی {address} نشان داده شد؛ چند ثانیه بعد نمایشگر به نمایش خود برمی‌گردد.',
    en: 'The test pattern “8888” is shown on the display at address {address}; it goes back to its content after a few seconds.',
  },
  printers: { fa: 'چاپگرهای نوبت', en: 'Ticket printers' },
  printer: { fa: 'چاپگر', en: 'Printer' },
  kiosk: { fa: 'دستگاه نوبت‌دهی', en: 'Kiosk' },
  printerStatus: { fa: 'وضعیت', en: 'Status' },
  testPrint: { fa: 'چاپ آزمایشی', en: 'Test print' },
  printed: {
    fa: 'برگهٔ آزمایشی روی چاپگر {printer} چاپ شد (وضعیت: {status}).',
    en: 'A test slip was printed on {printer} (status: {status}).',
  },
  notPrinted: {
    fa: 'چاپگر {printer} برگهٔ آزمایشی را چاپ نکرد (وضعیت: {status}).',
    en: '{printer} did not print the test slip (status: {status}).',
  },
  scanned: {
    fa: 'جست‌وجو آغاز شد؛ هر نشانی که پاسخ دهد در جدول می‌آید.',
    en: 'The scan has started; every address that answers appears in the table.',
  },
  working: { fa: 'در حال انجام…', en: 'Working…' },
  online: { fa: 'آماده', en: 'ready' },
  'paper-near-end': { fa: 'کاغذ رو به پایان', en: 'paper near its end' },
  offline: { fa: 'بی‌پاسخ', en: 'offline' },
  'paper-out': { fa: 'بی‌کاغذ', en: 'out of paper' },
  'cover-open': { fa: 'درِ باز', en: 'cover open' },
  error: { fa: 'خطا', en: 'error' },
  unknown: { fa: 'نامعلوم', en: 'unknown' },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  sortBy: { fa: 'مرتب‌سازی بر پایهٔ', en: 'Sort by' },
} as const;

export type BusWord = keyof typeof words;

/** A word in `lang`, with {name} placeholders filled in. */
export function w(lang: Lang, word: BusWord, vars: Record<string, string> = {}): string {
  let s: string = words[word][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, v);
  return s;
}
