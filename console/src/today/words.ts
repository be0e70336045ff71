// The words of the "Today's changes" page (TD1–TD5), Persian first and English.
import type { Lang } from '@nobat/protocol';

const words = {
  title: { fa: 'تغییرات امروز', en: "Today's changes" },
  intro: {
    fa: 'تغییرهایی که فقط برای امروز است و با پایان زمانشان یا پایان روز خودبه‌خود برمی‌گردد. هر تغییر با نام شما ثبت می‌شود.',
    en: 'Changes for today only: each reverts by itself at its end time or at the end of the day. Every change is logged under your name.',
  },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  // hall message
  hallTitle: { fa: 'پیام به نمایشگرهای سالن', en: 'Message to the hall screens' },
  hallNone: { fa: 'اکنون پیامی روی نمایشگرها نیست.', en: 'No message is on the screens now.' },
  hallCurrent: { fa: 'پیام کنونی', en: 'Current message' },
  hallUntil: { fa: 'تا ساعت', en: 'until' },
  hallNoEnd: { fa: 'تا پاک کردن دستی', en: 'until cleared' },
  hallFa: { fa: 'متن فارسی', en: 'Text in Persian' },
  hallEn: { fa: 'متن انگلیسی (اختیاری)', en: 'Text in English (optional)' },
  hallMinutes: { fa: 'مدت نمایش (دقیقه، اختیاری)', en: 'Show for (minutes, optional)' },
  hallMinutesHint: {
    fa: 'خالی بگذارید تا پیام تا پاک کردن بماند.',
    en: 'Leave empty to keep the message until it is cleared.',
  },
  hallSend: { fa: 'فرستادن به نمایشگرها', en: 'Send to the screens' },
  hallClear: { fa: 'پاک کردن پیام', en: 'Clear the message' },
  hallSent: { fa: 'پیام روی نمایشگرهای سالن نشان داده شد.', en: 'The message is on the hall screens.' },
  hallCleared: { fa: 'پیام پاک شد.', en: 'The message was cleared.' },
  // counters
  countersTitle: { fa: 'باجه‌ها', en: 'Counters' },
  counter: { fa: 'باجه', en: 'Counter' },
  configured: { fa: 'خدمات تعریف‌شده (وزن)', en: 'Configured services (weight)' },
  today: { fa: 'امروز', en: 'Today' },
  asConfigured: { fa: 'مانند پیکربندی', en: 'As configured' },
  assign: { fa: 'تغییر برای امروز', en: 'Change for today' },
  endNow: { fa: 'پایان اکنون', en: 'End now' },
  assignTitle: { fa: 'خدمات باجهٔ {n} برای امروز', en: 'Counter {n}: services for today' },
  assignHint: {
    fa: 'تا ساعت پایان، این باجه فقط خدمات انتخاب‌شده را با این وزن‌ها فرامی‌خواند؛ پس از آن خودبه‌خود به پیکربندی برمی‌گردد.',
    en: 'Until the end time this counter calls only the chosen services with these weights; then it returns to its configuration by itself.',
  },
  weight: { fa: 'وزن', en: 'Weight' },
  until: { fa: 'تا ساعت', en: 'Until' },
  untilTime: { fa: 'تا ساعت', en: 'until' },
  untilHint: { fa: 'ساعت و دقیقه، مانند ۱۲:۰۰', en: 'Hours and minutes, e.g. 12:00' },
  pickOne: { fa: 'دست‌کم یک خدمت را انتخاب کنید.', en: 'Choose at least one service.' },
  badTime: { fa: 'زمان را به شکل ساعت:دقیقه بنویسید.', en: 'Write the time as HH:MM.' },
  save: { fa: 'ثبت', en: 'Save' },
  cancel: { fa: 'انصراف', en: 'Cancel' },
  close: { fa: 'بستن', en: 'Close' },
  assigned: { fa: 'تغییر باجه ثبت شد.', en: "The counter's change was saved." },
  ended: { fa: 'باجه به پیکربندی خود برگشت.', en: 'The counter is back to its configuration.' },
  by: { fa: 'به دست', en: 'by' },
  // services
  servicesTitle: { fa: 'خدمات', en: 'Services' },
  service: { fa: 'خدمت', en: 'Service' },
  waiting: { fa: 'در انتظار', en: 'Waiting' },
  status: { fa: 'وضعیت', en: 'Status' },
  open: { fa: 'باز', en: 'Open' },
  inactive: { fa: 'غیرفعال در پیکربندی', en: 'Inactive in the configuration' },
  closedToday: { fa: 'بسته برای امروز', en: 'Closed for today' },
  closeToday: { fa: 'بستن برای امروز', en: 'Close for today' },
  reopen: { fa: 'بازگشایی', en: 'Reopen' },
  closedNote: {
    fa: 'نوبت تازه داده نمی‌شود؛ نوبت‌های در انتظار همچنان خدمت می‌گیرند.',
    en: 'No new tickets; those already waiting are still served.',
  },
  serviceClosed: { fa: 'خدمت برای بقیهٔ امروز بسته شد.', en: 'The service is closed for the rest of today.' },
  serviceReopened: { fa: 'خدمت دوباره باز شد.', en: 'The service is open again.' },
} as const;

export type WordKey = keyof typeof words;

export const t = (lang: Lang, key: WordKey): string => words[key][lang];

/** The page's name, for the console's menu. */
export const TODAY_TITLE = words.title;
