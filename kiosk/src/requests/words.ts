// The visitor's request status page (/r/<code>), Persian first (server/SPEC.md RQ16, TC2).
import type { Lang, LocalizedText } from '@nobat/protocol';

const words = {
  title: { fa: 'پیگیری درخواست', en: 'Your request' },
  language: { fa: 'English', en: 'فارسی' },
  intro: {
    fa: 'کد رهگیری رسید و کد ملی متقاضی را وارد کنید.',
    en: "Enter the receipt's tracking code and the applicant's national ID.",
  },
  code: { fa: 'کد رهگیری', en: 'Tracking code' },
  nationalId: { fa: 'کد ملی متقاضی', en: "Applicant's national ID" },
  show: { fa: 'نمایش وضعیت', en: 'Show the status' },
  asking: { fa: 'در حال دریافت…', en: 'Looking it up…' },
  badCode: {
    fa: 'کد رهگیری ۱۰ رقم است و رقم آخر آن کنترلی است؛ رقم‌ها را بررسی کنید.',
    en: 'A tracking code has 10 digits, the last a check digit: check the digits.',
  },
  badNationalId: {
    fa: 'کد ملی درست نیست؛ رقم کنترل آن نمی‌خواند.',
    en: 'This national ID is not valid: its check digit does not match.',
  },
  notFound: {
    fa: 'درخواستی با این کد رهگیری و کد ملی پیدا نشد. هر دو را دوباره بررسی کنید.',
    en: 'No request was found with this tracking code and national ID. Check both again.',
  },
  rateLimited: { fa: 'تلاش‌ها بیش از اندازه بود.', en: 'Too many tries.' },
  tryLater: { fa: 'کمی بعد دوباره تلاش کنید.', en: 'Try again a little later.' },
  network: { fa: 'ارتباط برقرار نشد؛ دوباره تلاش کنید.', en: 'Could not connect: please try again.' },
  otherRequest: { fa: 'درخواست دیگر', en: 'Another request' },
  refresh: { fa: 'به‌روزرسانی', en: 'Refresh' },
  branch: { fa: 'شعبه', en: 'Branch' },
  promised: { fa: 'تاریخ وعدهٔ پاسخ', en: 'Response promised by' },
  createdAt: { fa: 'تاریخ ثبت', en: 'Made on' },
  'state_in-progress': { fa: 'در حال رسیدگی', en: 'Being handled' },
  state_returned: { fa: 'به میز خدمت بازگشته است', en: 'Returned to the service desk' },
  state_responded: { fa: 'پاسخ آماده است', en: 'Your response is ready' },
  state_delivered: { fa: 'پاسخ تحویل شده است', en: 'The response was delivered' },
  state_withdrawn: { fa: 'درخواست پس گرفته شده است', en: 'The request was withdrawn' },
  stage: { fa: 'مرحلهٔ', en: 'Stage' },
  of: { fa: 'از', en: 'of' },
  since: { fa: 'از', en: 'since' },
  inquiry: {
    fa: 'در انتظار پاسخ استعلام از دستگاه دیگر',
    en: "Waiting for another agency's answer to an inquiry",
  },
  returnedReason: { fa: 'علت', en: 'Reason' },
  bring: { fa: 'این مدارک را بیاورید:', en: 'Please bring these documents:' },
  bringHint: {
    fa: 'با این مدارک و کد رهگیری به میز خدمت شعبه مراجعه کنید تا درخواست دوباره فرستاده شود.',
    en: 'Come to the branch service desk with them and your tracking code, and the request is sent on again.',
  },
  download: { fa: 'دریافت پاسخ (PDF)', en: 'Download the response (PDF)' },
  downloading: { fa: 'در حال دریافت پاسخ…', en: 'Downloading…' },
  history: { fa: 'سوابق درخواست', en: 'History' },
  h_created: { fa: 'درخواست ثبت شد', en: 'Request made' },
  h_stage: { fa: 'رسید به مرحلهٔ', en: 'Reached the stage' },
  h_returned: { fa: 'به میز خدمت بازگشت', en: 'Returned to the service desk' },
  h_inquiry: { fa: 'استعلام از دستگاه دیگر فرستاده شد', en: 'An inquiry was sent to another agency' },
  'h_inquiry-answered': { fa: 'پاسخ استعلام رسید', en: 'The inquiry was answered' },
  h_resubmitted: { fa: 'با مدارک تکمیلی دوباره فرستاده شد', en: 'Sent on again with the documents' },
  h_responded: { fa: 'پاسخ صادر شد', en: 'The response was issued' },
  h_delivered: { fa: 'پاسخ تحویل شد', en: 'The response was delivered' },
  h_withdrawn: { fa: 'درخواست پس گرفته شد', en: 'The request was withdrawn' },
} satisfies Record<string, LocalizedText & { en: string }>;

export type StatusWord = keyof typeof words;
export const sw = (lang: Lang, w: StatusWord): string => words[w][lang];
