// [SY1][SY6][SY7] The branch links page's words, in both languages (the menu uses `nav`); `{x}` marks
// what `fill` puts in.
import { type Lang, localDigits, type Message } from '@nobat/protocol';

export const LINKS_WORDS = {
  nav: { fa: 'پیوند شعبه‌ها', en: 'Branch links' },
  title: { fa: 'پیوند شعبه‌ها با مرکز', en: 'Branch links to the centre' },
  intro: {
    fa: 'شعبه‌ای که سرور خودش را دارد، صفش را آنجا می‌گرداند و هر وقت پیوند برقرار است رویدادهایش را به این مرکز می‌فرستد. اینجا پیداست کدام شعبه وصل است، از کی، مرکز تا کجای هر روز را دارد، و هر قطعی با مدتش.',
    en: 'A branch with its own server runs its queue there and sends its events to this centre whenever the link is up. Here: which branch is connected and since when, how far the centre holds each day, and every outage with its length.',
  },
  refreshNote: {
    fa: 'این صفحه هر ۱۰ ثانیه خودبه‌خود به‌روز می‌شود؛ آخرین بار: {time}',
    en: 'This page refreshes itself every 10 seconds; last at {time}',
  },
  // the links
  linksTitle: { fa: 'شعبه‌های پیوندخورده', en: 'Linked branches' },
  branch: { fa: 'شعبه', en: 'Branch' },
  state: { fa: 'وضعیت', en: 'State' },
  days: { fa: 'روزهایی که مرکز دارد', en: 'Days the centre holds' },
  linkedAt: { fa: 'پیوند از', en: 'Linked on' },
  actions: { fa: 'کارها', en: 'Actions' },
  connected: { fa: 'وصل', en: 'Connected' },
  disconnected: { fa: 'قطع', en: 'Disconnected' },
  never: { fa: 'هنوز وصل نشده', en: 'Never connected' },
  since: { fa: 'از {time}', en: 'since {time}' },
  forHowLong: { fa: '{length} است که قطع است', en: 'down for {length}' },
  neverHint: {
    fa: 'سرور شعبه هنوز با این توکن به مرکز وصل نشده است.',
    en: 'The branch server has not yet connected with this token.',
  },
  dayHeld: { fa: '{day}: تا رویداد {seq}، {closed}', en: '{day}: up to event {seq}, {closed}' },
  dayClosed: { fa: 'بسته', en: 'closed' },
  dayOpen: { fa: 'باز', en: 'open' },
  moreDays: { fa: 'و {n} روز پیش‌تر', en: 'and {n} earlier days' },
  noDays: { fa: 'هنوز روزی نرسیده', en: 'No day received yet' },
  emptyAdmin: {
    fa: 'هیچ شعبه‌ای هنوز به سرور شعبه پیوند نخورده است.',
    en: 'No branch is linked to a branch server yet.',
  },
  emptySupervisor: {
    fa: 'شعبهٔ شما در این سرور به سرور شعبه‌ای پیوند نخورده است.',
    en: 'Your branch is not linked to a branch server on this server.',
  },
  // linking
  link: { fa: 'پیوند شعبه', en: 'Link a branch' },
  linkTitle: { fa: 'پیوند یک شعبه به سرور شعبه', en: 'Link a branch to its branch server' },
  linkHint: {
    fa: 'از این پس صف این شعبه را سرور شعبه می‌گرداند و مرکز فقط رونوشت آن را نگه می‌دارد.',
    en: 'From then on the branch server runs this branch’s queue; the centre only holds its copy.',
  },
  linkDo: { fa: 'پیوند و ساخت توکن', en: 'Link and make the token' },
  allLinked: { fa: 'همهٔ شعبه‌ها پیوند خورده‌اند.', en: 'Every branch is linked.' },
  tokenTitle: { fa: 'توکن سرور شعبه', en: 'The branch server’s token' },
  tokenOnce: {
    fa: 'این توکن فقط همین یک بار نشان داده می‌شود و مرکز تنها چکیدهٔ آن را نگه می‌دارد. اکنون آن را در پیکربندی سرور شعبه بگذارید.',
    en: 'This token is shown only this once; the centre keeps only its hash. Put it in the branch server’s settings now.',
  },
  token: { fa: 'توکن', en: 'Token' },
  envLines: { fa: 'سطرهای پیکربندی سرور شعبه', en: 'The branch server’s settings' },
  envHint: {
    fa: 'این دو سطر را در پروندهٔ محیطی سرور شعبه (مثلاً {file}) بگذارید و آن را دوباره راه‌اندازی کنید.',
    en: 'Put these two lines in the branch server’s environment file (e.g. {file}) and restart it.',
  },
  copy: { fa: 'رونوشت', en: 'Copy' },
  copied: { fa: 'رونوشت برداشته شد.', en: 'Copied.' },
  linked: { fa: 'شعبه پیوند خورد.', en: 'The branch is linked.' },
  // unlinking
  unlink: { fa: 'برداشتن پیوند', en: 'Unlink' },
  unlinkTitle: { fa: 'برداشتن پیوند «{name}»', en: 'Unlink “{name}”' },
  unlinkConfirm: {
    fa: 'توکن این شعبه دیگر کار نمی‌کند و صف شعبه دوباره در همین مرکز گردانده می‌شود. رویدادهایی که سرور شعبه هنوز نفرستاده به مرکز نمی‌رسند. ادامه می‌دهید؟',
    en: 'Its token stops working and the branch’s queue is run at this centre again. Events the branch server has not sent yet will not reach the centre. Go on?',
  },
  unlinked: { fa: 'پیوند شعبه برداشته شد.', en: 'The branch is unlinked.' },
  // the outage log
  outagesTitle: { fa: 'گزارش قطعی‌ها', en: 'Outage log' },
  outagesIntro: {
    fa: 'هر بار که پیوند شعبه با مرکز قطع شده، از کی تا کی و چه مدت؛ قطعی‌هایی که در بازه آغاز شده‌اند، قدیمی‌ترین نخست.',
    en: 'Every time a branch’s link to the centre was down, from when to when and for how long: outages that began in the range, oldest first.',
  },
  allBranches: { fa: 'همهٔ شعبه‌ها', en: 'All branches' },
  yourBranch: { fa: 'شعبهٔ شما: {name}', en: 'Your branch: {name}' },
  from: { fa: 'از تاریخ', en: 'From' },
  to: { fa: 'تا تاریخ', en: 'To' },
  dateHint: { fa: 'سال/ماه/روز شمسی، مانند ۱۴۰۵/۰۸/۰۱', en: 'Jalali year/month/day, e.g. 1405/08/01' },
  badDate: { fa: 'تاریخ شمسی را به شکل سال/ماه/روز بنویسید.', en: 'Write a Jalali date as year/month/day.' },
  badOrder: { fa: '«تا تاریخ» نباید پیش از «از تاریخ» باشد.', en: '"To" must not be before "From".' },
  show: { fa: 'نمایش', en: 'Show' },
  outageFrom: { fa: 'از', en: 'From' },
  outageTo: { fa: 'تا', en: 'To' },
  length: { fa: 'مدت', en: 'Length' },
  ongoing: { fa: 'هنوز قطع است', en: 'ongoing' },
  noOutages: { fa: 'در این بازه قطعی‌ای نبوده است.', en: 'No outage in this range.' },
  totalsTitle: { fa: 'جمع قطعی هر شعبه در این بازه', en: 'Total outage per branch in this range' },
  outageCount: { fa: 'شمار قطعی', en: 'Outages' },
  total: { fa: 'جمع مدت', en: 'Total time' },
  withOngoing: { fa: '(با قطعی جاری)', en: '(with the ongoing one)' },
  csv: { fa: 'دریافت CSV', en: 'Download CSV' },
  csvBranchId: { fa: 'شناسهٔ شعبه', en: 'Branch ID' },
  csvMinutes: { fa: 'مدت (دقیقه)', en: 'Length (minutes)' },
  csvFromIso: { fa: 'از (UTC)', en: 'From (UTC)' },
  csvToIso: { fa: 'تا (UTC)', en: 'To (UTC)' },
} satisfies Record<string, Message>;

export type LinksWord = keyof typeof LINKS_WORDS;

/** A word in the reader's language, with `{name}` parts filled in. */
export function fill(lang: Lang, word: LinksWord, vars: Record<string, string | number> = {}): string {
  let s: string = LINKS_WORDS[word][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

const UNITS = {
  day: { fa: 'روز', en: 'd' },
  hour: { fa: 'ساعت', en: 'h' },
  minute: { fa: 'دقیقه', en: 'min' },
  second: { fa: 'ثانیه', en: 's' },
} satisfies Record<string, Message>;

/**
 * A length of time as people say it: «۱ ساعت و ۱۲ دقیقه», "1 h 12 min"; days, hours and whole minutes
 * (seconds only under a minute), parts that are zero left out.
 */
export function lengthText(lang: Lang, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const part = (n: number, unit: keyof typeof UNITS) => `${localDigits(lang, n)} ${UNITS[unit][lang]}`;
  if (minutes === 0) return part(Math.floor(Math.max(0, ms) / 1_000), 'second');
  const parts: string[] = [];
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  if (days) parts.push(part(days, 'day'));
  if (hours) parts.push(part(hours, 'hour'));
  if (minutes % 60) parts.push(part(minutes % 60, 'minute'));
  return parts.join(lang === 'fa' ? ' و ' : ' ');
}
