// The desk's words about requests (the electronic service desk, server/SPEC.md RQ…), Persian first.
import type { Lang, LocalizedText, Message } from '@nobat/protocol';

const words = {
  makeRequest: { fa: 'ثبت درخواست', en: 'Make a request' },
  makeRequestTitle: { fa: 'ثبت درخواست از این مراجعه', en: 'A request from this visit' },
  forTicket: { fa: 'نوبت', en: 'Ticket' },
  noTicketForRequest: {
    fa: 'نوبتی در دست نیست و نوبتی هم تازه خدمت نگرفته است؛ از «کارکرد امروز» نوبت را برگزینید.',
    en: "No ticket at the counter and none just served: pick the ticket in today's work.",
  },
  applicant: { fa: 'متقاضی', en: 'Applicant' },
  fullName: { fa: 'نام و نام خانوادگی', en: 'Full name' },
  nationalId: { fa: 'کد ملی', en: 'National ID' },
  mobile: { fa: 'شمارهٔ همراه', en: 'Mobile number' },
  subService: { fa: 'زیرخدمت', en: 'Sub-service' },
  choose: { fa: '— انتخاب کنید —', en: '— choose —' },
  noWorkflowServices: {
    fa: 'هیچ زیرخدمتی در این شعبه گردش کار ندارد؛ مدیر سامانه باید جدول ۱ را تعریف کند.',
    en: 'No sub-service of this branch has a workflow: the administrator must define its table 1.',
  },
  documentsReceived: { fa: 'مدارک دریافت‌شده', en: 'Documents received' },
  documentsHint: {
    fa: 'آنچه تیک نخورد، کسری مدارک ثبت می‌شود.',
    en: 'Whatever is left unticked is recorded as missing.',
  },
  noDocuments: { fa: 'این زیرخدمت مدرکی لازم ندارد.', en: 'This sub-service needs no documents.' },
  notes: { fa: 'توضیحات', en: 'Notes' },
  submit: { fa: 'ثبت درخواست و صدور کد رهگیری', en: 'Make the request and issue its code' },
  cancel: { fa: 'انصراف', en: 'Cancel' },
  close: { fa: 'بستن', en: 'Close' },
  badFullName: { fa: 'نام و نام خانوادگی را بنویسید.', en: 'Write the full name.' },
  badNationalId: {
    fa: 'کد ملی درست نیست؛ رقم کنترل آن نمی‌خواند.',
    en: 'This national ID is not valid: its check digit does not match.',
  },
  badMobile: {
    fa: 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ شروع شود.',
    en: 'A mobile number has 11 digits and starts with 09.',
  },
  badService: { fa: 'زیرخدمت را برگزینید.', en: 'Choose the sub-service.' },
  created: { fa: 'درخواست ثبت شد', en: 'The request is made' },
  alreadyMade: { fa: 'درخواست این نوبت پیش‌تر ثبت شده است', en: 'This ticket already has a request' },
  trackingCode: { fa: 'کد رهگیری', en: 'Tracking code' },
  promisedDate: { fa: 'تاریخ وعدهٔ پاسخ', en: 'Response promised by' },
  statusLink: { fa: 'پیگیری در تلفن همراه', en: 'Follow it on a phone' },
  tellMissing: { fa: 'کسری مدارک را به مراجعه‌کننده بگویید:', en: 'Tell the visitor what is missing:' },
  printReceipt: { fa: 'چاپ رسید', en: 'Print the receipt' },
  size_a5: { fa: 'A5', en: 'A5' },
  size_a4: { fa: 'A4', en: 'A4' },
  size_roll80: { fa: 'چاپگر نوبت (۸۰ میلی‌متر)', en: 'Ticket printer (80 mm)' },
  // the panel
  requests: { fa: 'درخواست‌ها', en: 'Requests' },
  requestsTitle: { fa: 'درخواست‌های شعبه', en: "The branch's requests" },
  returnedList: { fa: 'بازگشته به میز خدمت (کسری یا اصلاح)', en: 'Returned to the desk (to bring or fix)' },
  respondedList: { fa: 'پاسخ آماده؛ تحویل به مراجعه‌کننده', en: 'Response ready: to deliver' },
  pickOne: {
    fa: 'درخواستی را از فهرست‌ها باز کنید، یا آن را با کد رهگیری‌اش بیابید.',
    en: 'Open a request from the lists, or find it by its tracking code.',
  },
  found: { fa: 'نتیجهٔ جست‌وجو', en: 'Found' },
  nothingHere: { fa: 'چیزی نیست.', en: 'Nothing here.' },
  nothingFound: { fa: 'درخواستی پیدا نشد.', en: 'No request found.' },
  find: { fa: 'جست‌وجو', en: 'Find' },
  findLabel: { fa: 'کد رهگیری، کد ملی یا نام', en: 'Tracking code, national ID or name' },
  badCode: {
    fa: 'این کد رهگیری درست نیست؛ رقم‌ها را بررسی کنید.',
    en: 'This is not a valid tracking code: check the digits.',
  },
  refresh: { fa: 'به‌روزرسانی', en: 'Refresh' },
  open: { fa: 'باز کردن', en: 'Open' },
  state: { fa: 'وضعیت', en: 'State' },
  'state_in-progress': { fa: 'در جریان', en: 'In progress' },
  state_returned: { fa: 'بازگشته به میز خدمت', en: 'Returned to the desk' },
  state_responded: { fa: 'پاسخ صادر شده', en: 'Response issued' },
  state_delivered: { fa: 'تحویل شده', en: 'Delivered' },
  state_withdrawn: { fa: 'انصراف داده شده', en: 'Withdrawn' },
  step_pending: { fa: 'در کارتابل واحد', en: "in the unit's inbox" },
  step_accepted: { fa: 'در دست بررسی', en: 'being worked on' },
  step_inquiry: { fa: 'در انتظار پاسخ استعلام', en: "waiting for another agency's answer" },
  stage: { fa: 'مرحلهٔ', en: 'Stage' },
  of: { fa: 'از', en: 'of' },
  since: { fa: 'از', en: 'since' },
  overdue: { fa: 'دیرکرد', en: 'overdue' },
  createdAt: { fa: 'تاریخ ثبت', en: 'Made on' },
  returnedReason: { fa: 'علت بازگشت', en: 'Why it was returned' },
  missingDocuments: { fa: 'کسری مدارک', en: 'Missing documents' },
  resubmit: { fa: 'ارسال دوباره به گردش کار', en: 'Send it on again' },
  resubmitHint: {
    fa: 'مدارکی را که مراجعه‌کننده اکنون آورده است تیک بزنید.',
    en: 'Tick the documents the visitor has brought now.',
  },
  resubmitted: { fa: 'درخواست دوباره به گردش کار رفت.', en: 'The request is back in the workflow.' },
  deliver: { fa: 'تحویل پاسخ در میز خدمت', en: 'Deliver the response at the desk' },
  delivered: { fa: 'تحویل پاسخ ثبت شد.', en: 'Delivery recorded.' },
  confirmDeliver: {
    fa: 'پاسخ به مراجعه‌کننده تحویل داده شد؟',
    en: 'Has the response been handed to the visitor?',
  },
  printResponse: { fa: 'چاپ پاسخ (جدول ۴)', en: 'Print the response notice (table 4)' },
  deliveredAt: { fa: 'تاریخ تحویل', en: 'Delivered on' },
  channel_desk: { fa: 'در میز خدمت', en: 'at the desk' },
  channel_electronic: { fa: 'الکترونیکی', en: 'electronically' },
  requestFromTicket: { fa: 'درخواست', en: 'Request' },
  unknownDocument: {
    fa: 'یکی از مدارک در فهرست این زیرخدمت نیست.',
    en: "One of the documents is not on this sub-service's list.",
  },
  rateLimited: {
    fa: 'تلاش‌ها بیش از اندازه بود؛ کمی بعد دوباره تلاش کنید.',
    en: 'Too many tries: try again a little later.',
  },
} satisfies Record<string, LocalizedText & { en: string }>;

export type RequestWord = keyof typeof words;

export const rt = (lang: Lang, w: RequestWord): string => words[w][lang];

/** A word in both languages, for a notice that follows the reader's language switch. */
export const requestMessage = (w: RequestWord): Message => words[w];
