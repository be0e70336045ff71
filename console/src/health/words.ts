// Alerts and device health: the console's words for them, Persian first and English.
import type { AlertRule, AlertSettings, DeviceHealthKind, DeviceStatus, Lang, Message } from '@nobat/protocol';

export const WORDS = {
  navAlerts: { fa: 'هشدارها', en: 'Alerts' },
  navDeviceHealth: { fa: 'سلامت دستگاه‌ها', en: 'Device health' },
  alertsTitle: { fa: 'هشدارهای شعبه', en: 'Branch alerts' },
  alertsIntro: {
    fa: 'هشدارهای باز بالا و تاریخچه پایین؛ هشدار تازه بی‌درنگ در همین صفحه می‌آید.',
    en: 'Open alerts on top, history below; a new alert appears here as it is raised.',
  },
  devicesTitle: { fa: 'سلامت دستگاه‌ها', en: 'Device health' },
  devicesIntro: {
    fa: 'همهٔ دستگاه‌های شعبه، آن‌گونه که کارساز نگه می‌دارد؛ به‌روز می‌شود.',
    en: 'Every device of the branch as the server keeps it; kept up to date.',
  },
  openAlerts: { fa: 'هشدارهای باز', en: 'Open alerts' },
  history: { fa: 'تاریخچه', en: 'History' },
  noOpenAlerts: { fa: 'هشدار بازی نیست.', en: 'No open alerts.' },
  noHistory: { fa: 'هنوز هشداری نبوده است.', en: 'No alerts yet.' },
  noDevices: { fa: 'هنوز دستگاهی دیده نشده است.', en: 'No device has been seen yet.' },
  ack: { fa: 'دیدم', en: 'Acknowledge' },
  acking: { fa: 'در حال ثبت…', en: 'Saving…' },
  ackedBy: { fa: 'دیده شد به دست', en: 'Acknowledged by' },
  notAcked: { fa: 'دیده نشده', en: 'Not acknowledged' },
  colAlert: { fa: 'هشدار', en: 'Alert' },
  colRaised: { fa: 'زمان', en: 'Raised' },
  colState: { fa: 'وضعیت', en: 'State' },
  colAck: { fa: 'دیده‌شده', en: 'Acknowledged' },
  colResolved: { fa: 'برطرف شد', en: 'Resolved' },
  stateOpen: { fa: 'باز', en: 'Open' },
  stateResolved: { fa: 'برطرف شده', en: 'Resolved' },
  colDevice: { fa: 'دستگاه', en: 'Device' },
  colKind: { fa: 'گونه', en: 'Kind' },
  colStatus: { fa: 'وضعیت', en: 'Status' },
  colSince: { fa: 'از', en: 'Since' },
  colLastSeen: { fa: 'آخرین دیده‌شدن', en: 'Last seen' },
  colFirmware: { fa: 'نسخهٔ سفت‌افزار', en: 'Firmware' },
  colOffline: { fa: 'قطع امروز', en: 'Offline today' },
  colErrors: { fa: 'خطای امروز', en: 'Faults today' },
  colWhere: { fa: 'جا', en: 'Where' },
  unknown: { fa: 'نامعلوم', en: 'Unknown' },
  more: { fa: 'موارد بیشتر', en: 'Show more' },
  live: { fa: 'زنده', en: 'Live' },
  offlineLink: {
    fa: 'اتصال زنده برقرار نیست؛ فهرست ممکن است کهنه باشد.',
    en: 'Not connected live; the list may be out of date.',
  },
  loadFailed: { fa: 'بارگذاری نشد.', en: 'Could not be loaded.' },
  retry: { fa: 'تلاش دوباره', en: 'Try again' },
  counter: { fa: 'باجهٔ', en: 'Counter' },
  kiosk: { fa: 'کیوسک', en: 'Kiosk' },
  stripTitle: { fa: 'هشدارها', en: 'Alerts' },
  devicesColumnTitle: { fa: 'دستگاه‌ها', en: 'Devices' },
  allDevicesFine: { fa: 'همهٔ دستگاه‌ها سالم‌اند.', en: 'All devices are fine.' },
  alertSettings: { fa: 'آستانه‌های هشدار', en: 'Alert thresholds' },
  alertSettingsMeaning: {
    fa: 'چه وقت به سرپرست شعبه هشدار داده شود.',
    en: "When the branch's supervisor is alerted.",
  },
} as const satisfies Record<string, Message>;

export type HealthWord = keyof typeof WORDS;
export const w = (lang: Lang, word: HealthWord): string => WORDS[word][lang];

export const KIND_TEXT: Record<DeviceHealthKind, Message> = {
  kiosk: { fa: 'کیوسک', en: 'Kiosk' },
  display: { fa: 'نمایشگر', en: 'Display' },
  bridge: { fa: 'پل سخت‌افزاری', en: 'Bridge' },
  led: { fa: 'تابلوی باجه', en: 'Counter LED' },
  keypad: { fa: 'صفحه‌کلید باجه', en: 'Keypad' },
  printer: { fa: 'چاپگر', en: 'Printer' },
};

export const STATUS_TEXT: Record<DeviceStatus['status'], Message> = {
  online: { fa: 'برخط', en: 'Online' },
  offline: { fa: 'قطع', en: 'Offline' },
  error: { fa: 'خطا', en: 'Error' },
  'paper-out': { fa: 'بی‌کاغذ', en: 'Out of paper' },
  'paper-near-end': { fa: 'کاغذ رو به پایان', en: 'Paper near its end' },
  'cover-open': { fa: 'درِ باز', en: 'Cover open' },
};

/** The status's colour: fine, a warning, or a fault. */
export function statusTone(status: DeviceStatus['status']): 'ok' | 'warn' | 'bad' {
  if (status === 'online') return 'ok';
  if (status === 'paper-near-end') return 'warn';
  return 'bad';
}

export const RULE_TEXT: Record<AlertRule, Message> = {
  'past-target': { fa: 'گذشته از زمان هدف', en: 'Past its target wait' },
  'queue-long': { fa: 'صف طولانی', en: 'Long queue' },
  'paused-long': { fa: 'توقف طولانی باجه', en: 'Counter paused long' },
  'counter-idle': { fa: 'باجهٔ بیکار با صف منتظر', en: 'Counter idle while tickets wait' },
  'device-offline': { fa: 'دستگاه قطع', en: 'Device offline' },
  'printer-paper-out': { fa: 'چاپگر بی‌کاغذ', en: 'Printer out of paper' },
  'printer-paper-near-end': { fa: 'کاغذ چاپگر رو به پایان', en: 'Printer paper near its end' },
  'printer-cover-open': { fa: 'درِ چاپگر باز', en: 'Printer cover open' },
  'request-overdue': { fa: 'درخواست از مهلت گذشته', en: 'Request overdue' },
  'branch-offline': { fa: 'ارتباط شعبه با مرکز قطع', en: 'Branch link to the centre down' },
};

export const SETTING_TEXT: Record<keyof AlertSettings, { label: Message; meaning: Message }> = {
  queueLongerThan: {
    label: { fa: 'صف طولانی از', en: 'Long queue above' },
    meaning: {
      fa: 'هشدار وقتی بیش از این تعداد نوبت برای یک خدمت منتظر است.',
      en: 'Alert when more than this many tickets wait for one service.',
    },
  },
  pausedLongerThanMinutes: {
    label: { fa: 'توقف طولانی باجه (دقیقه)', en: 'Counter paused longer than (minutes)' },
    meaning: {
      fa: 'هشدار وقتی باجه بیش از این چند دقیقه در توقف است.',
      en: 'Alert when a counter stays paused longer than this many minutes.',
    },
  },
  idleGraceSeconds: {
    label: { fa: 'بیکاری باجه (ثانیه)', en: 'Counter idle for (seconds)' },
    meaning: {
      fa: 'هشدار وقتی باجهٔ باز بی‌نوبت مانده و نوبتی که می‌تواند بخواند بیش از این چند ثانیه منتظر است.',
      en: 'Alert when an open counter has no ticket while one it could call has waited longer than this.',
    },
  },
  offlineGraceSeconds: {
    label: { fa: 'قطع دستگاه (ثانیه)', en: 'Device offline for (seconds)' },
    meaning: {
      fa: 'هشدار وقتی دستگاهی بیش از این چند ثانیه قطع یا در خطاست.',
      en: 'Alert when a device is offline or in error longer than this many seconds.',
    },
  },
};
