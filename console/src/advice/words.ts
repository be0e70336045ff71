// The staffing advice and what-if pages' words, Persian first and English (issue 13 points 6–7).
import { type Lang, toPersianDigits } from '@nobat/protocol';

const words = {
  navAdvice: { fa: 'پیشنهاد نیرو', en: 'Staffing advice' },
  navWhatIf: { fa: 'اگر… چه می‌شد', en: 'What-if' },
  adviceTitle: { fa: 'پیشنهاد نیروی باجه‌ها', en: 'Staffing advice' },
  adviceIntro: {
    fa: 'از همین روزِ هفته در چند هفتهٔ گذشته: مراجعه در ساعت، زمان خدمت، سهم غایبان، و باجه‌های لازم برای رسیدن به زمان هدف.',
    en: 'From the same weekday of recent weeks: arrivals per hour, serving time, no-show share, and the counters needed to keep the target wait.',
  },
  planFor: { fa: 'برنامهٔ {date}', en: 'Plan for {date}' },
  learntFrom: { fa: 'برگرفته از {n} روز: {days}', en: 'Learnt from {n} days: {days}' },
  noHistory: {
    fa: 'برای این روزِ هفته هنوز گزارشی نیست؛ پیشنهادی نمی‌توان داد.',
    en: 'No logs of this weekday yet: there is no advice to give.',
  },
  probability: { fa: '{p} مراجعان در زمان هدف فراخوانده شوند', en: '{p} of visitors called within the target wait' },
  hour: { fa: 'ساعت', en: 'Hour' },
  service: { fa: 'خدمت', en: 'Service' },
  arrivals: { fa: 'مراجعه در ساعت', en: 'Arrivals/h' },
  meanServing: { fa: 'میانگین خدمت (دقیقه)', en: 'Mean serving (min)' },
  noShows: { fa: 'غایبان', en: 'No-shows' },
  countersNeeded: { fa: 'باجهٔ لازم', en: 'Counters needed' },
  model: { fa: 'مدل', en: 'Model' },
  erlangC: { fa: 'ارلنگ C', en: 'Erlang C' },
  erlangA: { fa: 'ارلنگ A (با رفتن)', en: 'Erlang A (with leaving)' },
  tableCaption: { fa: 'باجه‌های لازم، ساعت به ساعت', en: 'Counters needed, hour by hour' },
  chartTitle: { fa: 'باجه‌های لازم در هر ساعت', en: 'Counters needed each hour' },
  liveTitle: { fa: 'هم‌اکنون', en: 'Right now' },
  liveLine: {
    fa: '{service}: {serving} باجه به آن خدمت می‌دهد، {needed} باجه لازم است',
    en: '{service}: {serving} counters serve it, {needed} needed',
  },
  liveBack: { fa: ' تا تا ساعت {time} به زمان هدف برگردد', en: ' to be back within target by {time}' },
  liveWaiting: { fa: ' ({n} در انتظار)', en: ' ({n} waiting)' },
  moveLine: {
    fa: 'باجهٔ {counter} را به «{service}» (خدمت اصلی) بگذارید: نوبت‌های دیر در ساعت آینده از {before} به {after}',
    en: 'Switch counter {counter} to «{service}» as its main service: tickets past target in the next hour {before} → {after}',
  },
  noMoves: {
    fa: 'جابه‌جایی‌ای که نوبت‌های دیر را کم کند پیدا نشد.',
    en: 'No switch of a counter would lower the tickets past target.',
  },
  nothingLive: { fa: 'هیچ خدمتی فعال نیست.', en: 'No service is active.' },
  refresh: { fa: 'به‌روزرسانی', en: 'Refresh' },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  whatIfTitle: { fa: 'اگر… چه می‌شد: یک روز واقعی', en: 'What-if on a real day' },
  whatIfIntro: {
    fa: 'مراجعه‌های واقعیِ یک روزِ گذشته را با روش توازن یا چینش دیگری از باجه‌ها دوباره بچرخانید و انتظارها را کنار هم ببینید. چیزی تغییر نمی‌کند.',
    en: "Replay a past day's actual arrivals under another balancing or counter plan and compare the waits side by side. Nothing is changed.",
  },
  day: { fa: 'روز', en: 'Day' },
  noDays: { fa: 'این شعبه هنوز روزِ ثبت‌شده‌ای ندارد.', en: 'This branch has no logged day yet.' },
  balancing: { fa: 'روش توازن', en: 'Balancing' },
  asConfigured: { fa: 'همان که بود', en: 'As configured' },
  strict: { fa: 'ترتیب سخت (وزن)', en: 'Strict order (weights)' },
  proportional: { fa: 'سهم نسبی', en: 'Proportional shares' },
  'longest-wait': { fa: 'بیشترین انتظار اول', en: 'Longest wait first' },
  plan: { fa: 'چینش باجه‌ها', en: 'Counter plan' },
  planHint: {
    fa: 'باجه‌ها همان‌گونه که آن روز باز بودند؛ هر کدام را بردارید یا ساعت‌هایش را تغییر دهید.',
    en: 'The counters as they were staffed that day; drop any or change its hours.',
  },
  counter: { fa: 'باجهٔ {n}', en: 'Counter {n}' },
  staffed: { fa: 'باز', en: 'Staffed' },
  from: { fa: 'از', en: 'From' },
  until: { fa: 'تا', en: 'Until' },
  run: { fa: 'اجرا', en: 'Run' },
  running: { fa: 'در حال اجرا…', en: 'Running…' },
  resetPlan: { fa: 'چینش همان روز', en: "That day's plan" },
  results: { fa: 'انتظارها کنار هم ({n} نوبت)', en: 'Waits side by side ({n} tickets)' },
  recorded: { fa: 'ثبت‌شده', en: 'Recorded' },
  configured: { fa: 'بازپخش همان روز', en: 'Replayed as configured' },
  changed: { fa: 'با تغییر', en: 'With the change' },
  mean: { fa: 'میانگین انتظار (دقیقه)', en: 'Mean wait (min)' },
  p90: { fa: 'صدک ۹۰ (دقیقه)', en: 'p90 wait (min)' },
  pastTarget: { fa: 'دیرتر از زمان هدف', en: 'Past target' },
  uncalled: { fa: 'فراخوانده‌نشده', en: 'Never called' },
  overall: { fa: 'همه', en: 'All' },
  perService: { fa: 'به تفکیک خدمت', en: 'Per service' },
  figure: { fa: 'شاخص', en: 'Figure' },
} as const satisfies Record<string, { fa: string; en: string }>;

export type AdviceWord = keyof typeof words;

export function t(lang: Lang, word: AdviceWord, vars: Record<string, string | number> = {}): string {
  let s: string = words[word][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A number as read: Persian digits and decimal mark in Persian. */
export function num(lang: Lang, value: number, digits = 0): string {
  const s = value.toFixed(digits);
  return lang === 'fa' ? toPersianDigits(s.replace('.', '٫')) : s;
}

/** A share as a percentage: «۸۰٪» or "80%". */
export function percent(lang: Lang, share: number): string {
  return lang === 'fa' ? `${num(lang, share * 100)}٪` : `${num(lang, share * 100)}%`;
}

/** A local hour "HH:00". */
export function hourLabel(lang: Lang, hour: number): string {
  const s = `${String(hour).padStart(2, '0')}:00`;
  return lang === 'fa' ? toPersianDigits(s) : s;
}
