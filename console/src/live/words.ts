// The live floor's words, Persian first and English (rules SV1–SV4). Every label has both.
import { type Lang, localDigits } from '@nobat/protocol';

const words = {
  title: { fa: 'سالن زنده', en: 'Live floor' },
  intro: {
    fa: 'صف هر خدمت و کار هر باجه، همین حالا؛ بدون بارگذاری دوباره به‌روز می‌شود.',
    en: 'Every queue and every counter, right now; it updates by itself.',
  },
  online: { fa: 'به‌روز', en: 'Live' },
  offline: { fa: 'قطع ارتباط؛ در حال اتصال دوباره…', en: 'Disconnected; reconnecting…' },
  connecting: { fa: 'در حال اتصال…', en: 'Connecting…' },
  refusedForbidden: { fa: 'اجازهٔ دیدن سالن این شعبه را ندارید.', en: 'You may not watch this branch’s floor.' },
  refusedOther: { fa: 'سرور اتصال را نپذیرفت.', en: 'The server refused the connection.' },
  wall: { fa: 'نمایش روی تلویزیون', en: 'Wall screen' },
  leaveWall: { fa: 'بازگشت به کنسول', en: 'Back to the console' },
  services: { fa: 'خدمات', en: 'Services' },
  counters: { fa: 'باجه‌ها', en: 'Counters' },
  waitingTickets: { fa: 'نوبت‌های در انتظار', en: 'Waiting tickets' },
  service: { fa: 'خدمت', en: 'Service' },
  waiting: { fa: 'در انتظار', en: 'Waiting' },
  longestWait: { fa: 'بیشترین انتظار', en: 'Longest wait' },
  target: { fa: 'هدف', en: 'Target' },
  lastInLine: { fa: 'برآورد آخرین نفر', en: 'Last in line, est.' },
  servedToday: { fa: 'خدمت‌شده امروز', en: 'Served today' },
  noShowsToday: { fa: 'غایب امروز', en: 'No-shows today' },
  noCounterOpen: { fa: 'باجهٔ بازی نیست', en: 'no counter open' },
  counterClosedEta: { fa: 'باجهٔ مقصد بسته است', en: 'its counter is closed' },
  nobody: { fa: '—', en: '—' },
  within: { fa: 'در حد هدف', en: 'within target' },
  near: { fa: 'نزدیک هدف', en: 'near target' },
  past: { fa: 'گذشته از هدف', en: 'past target' },
  statusOpen: { fa: 'باز', en: 'Open' },
  statusPaused: { fa: 'متوقف', en: 'Paused' },
  statusClosed: { fa: 'بسته', en: 'Closed' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  noClerk: { fa: 'بدون کارمند', en: 'No clerk' },
  idle: { fa: 'آمادهٔ فراخوانی', en: 'Ready to call' },
  calling: { fa: 'فراخوانده', en: 'Called' },
  serving: { fa: 'در حال خدمت', en: 'Serving' },
  pausedFor: { fa: 'مدت توقف', en: 'Paused for' },
  reason: { fa: 'علت', en: 'Reason' },
  open: { fa: 'بازکردن', en: 'Open' },
  pause: { fa: 'توقف', en: 'Pause' },
  resume: { fa: 'ادامه', en: 'Resume' },
  close: { fa: 'بستن', en: 'Close' },
  move: { fa: 'جابه‌جایی', en: 'Move' },
  cancel: { fa: 'لغو نوبت', en: 'Cancel ticket' },
  dismiss: { fa: 'انصراف', en: 'Cancel' },
  closeDialog: { fa: 'بستن', en: 'Close' },
  openTitle: { fa: 'بازکردن باجهٔ {n} برای یک کارمند', en: 'Open counter {n} for a clerk' },
  chooseClerk: { fa: 'کارمند', en: 'Clerk' },
  noClerkFree: {
    fa: 'کارمندی که مجاز به کار در این باجه باشد و باجهٔ دیگری نداشته باشد نیست.',
    en: 'No clerk who may staff this counter is free.',
  },
  pauseTitle: { fa: 'توقف باجهٔ {n}', en: 'Pause counter {n}' },
  pauseReason: { fa: 'علت توقف', en: 'Why it pauses' },
  closeTitle: { fa: 'بستن باجهٔ {n}؟', en: 'Close counter {n}?' },
  closeBody: {
    fa: 'باجه از طرف {name} بسته می‌شود و این کار در گزارش تغییرها ثبت می‌شود.',
    en: 'The counter is closed on behalf of {name}; this is written to the audit log.',
  },
  moveTitle: { fa: 'جابه‌جایی نوبت {n}', en: 'Move ticket {n}' },
  moveTo: { fa: 'به کجا؟', en: 'Where to?' },
  toService: { fa: 'خدمت دیگر', en: 'Another service' },
  toCounter: { fa: 'باجهٔ مشخص', en: 'A specific counter' },
  moveKeeps: {
    fa: 'نوبت شماره و جای خود در صف (زمان رسیدن) را نگه می‌دارد.',
    en: 'The ticket keeps its number and its place in time.',
  },
  cancelTitle: { fa: 'لغو نوبت {n}', en: 'Cancel ticket {n}' },
  cancelReason: { fa: 'علت لغو', en: 'Why it is cancelled' },
  confirm: { fa: 'تأیید', en: 'Confirm' },
  done: { fa: 'انجام شد.', en: 'Done.' },
  counterN: { fa: 'باجهٔ {n}', en: 'Counter {n}' },
  noWaiting: { fa: 'کسی در انتظار نیست.', en: 'Nobody is waiting.' },
  waitedFor: { fa: 'انتظار', en: 'Waiting' },
  sentTo: { fa: 'فقط برای باجهٔ {n}', en: 'for counter {n} only' },
  devicesSlot: { fa: 'دستگاه‌ها', en: 'Devices' },
  alertsSlot: { fa: 'هشدارها', en: 'Alerts' },
  minutes: { fa: '{n} دقیقه', en: '{n} min' },
} as const;

export type LiveWord = keyof typeof words;

export function w(lang: Lang, word: LiveWord, vars?: Record<string, string | number>): string {
  let text: string = words[word][lang];
  for (const [k, v] of Object.entries(vars ?? {})) {
    text = text.replaceAll(`{${k}}`, typeof v === 'number' ? localDigits(lang, v) : v);
  }
  return text;
}

/** A running time, h:mm:ss or m:ss, in the reader's digits. */
export function clockDuration(lang: Lang, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return localDigits(lang, text);
}
