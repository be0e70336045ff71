// The words of the requests pages (issue 16: the unit's inbox, a request, the branch's requests),
// Persian first and English; the refusals are protocol's requestErrors.
import type { Lang, Message, RequestEventType, RequestState, StepStatus } from '@nobat/protocol';

const words = {
  navInbox: { fa: 'کارتابل', en: 'Inbox' },
  navRequests: { fa: 'درخواست‌ها', en: 'Requests' },
  // the inbox
  inboxTitle: { fa: 'کارتابل واحد', en: 'Unit inbox' },
  yourUnit: { fa: 'واحد شما', en: 'Your unit' },
  inboxIntro: {
    fa: 'درخواست‌هایی که اکنون در واحد شماست، به ترتیب مهلت؛ درخواست تازه یا جابه‌جاشده بی‌درنگ می‌آید و می‌رود.',
    en: 'The requests at your unit now, by due time; new and moved requests come and go as they happen.',
  },
  inboxEmpty: { fa: 'درخواستی در کارتابل نیست.', en: 'No requests in the inbox.' },
  noUnit: {
    fa: 'برای حساب شما واحدی ثبت نشده است؛ از سرپرست شعبه بخواهید آن را تعیین کند.',
    en: 'Your account has no unit; ask your branch supervisor to set it.',
  },
  offline: {
    fa: 'ارتباط زنده برقرار نیست؛ فهرست ممکن است تازه نباشد.',
    en: 'No live connection: the list may be out of date.',
  },
  // columns
  code: { fa: 'کد رهگیری', en: 'Tracking code' },
  applicant: { fa: 'متقاضی', en: 'Applicant' },
  service: { fa: 'زیرخدمت', en: 'Sub-service' },
  step: { fa: 'مرحله', en: 'Step' },
  status: { fa: 'وضعیت', en: 'Status' },
  state: { fa: 'وضعیت درخواست', en: 'State' },
  unit: { fa: 'واحد', en: 'Unit' },
  since: { fa: 'رسیده در', en: 'Since' },
  due: { fa: 'مهلت', en: 'Due' },
  open: { fa: 'باز کردن', en: 'Open' },
  overdue: { fa: 'دیرکرد', en: 'Overdue' },
  promised: { fa: 'موعد پاسخ', en: 'Promised by' },
  created: { fa: 'ثبت', en: 'Made' },
  // step status
  taken: { fa: 'در دست {name}', en: 'Taken by {name}' },
  // the branch's requests
  branchTitle: { fa: 'درخواست‌های شعبه', en: 'The branch’s requests' },
  branchIntro: {
    fa: 'همهٔ درخواست‌های شعبه با مرحله و مهلت هر کدام؛ با پالایه‌ها بیابید و باز کنید.',
    en: 'Every request of the branch with its step and due time; filter, find and open one.',
  },
  all: { fa: 'همه', en: 'All' },
  onlyOverdue: { fa: 'فقط دیرکردها', en: 'Overdue only' },
  search: { fa: 'جست‌وجو', en: 'Search' },
  searchHint: {
    fa: 'کد رهگیری، کد ملی یا بخشی از نام متقاضی',
    en: 'A tracking code, a national ID or part of the applicant’s name',
  },
  find: { fa: 'یافتن', en: 'Find' },
  noneFound: { fa: 'درخواستی با این پالایه‌ها نیست.', en: 'No request matches these filters.' },
  // the request page
  requestTitle: { fa: 'درخواست {code}', en: 'Request {code}' },
  backToInbox: { fa: 'بازگشت به کارتابل', en: 'Back to the inbox' },
  backToList: { fa: 'بازگشت به فهرست درخواست‌ها', en: 'Back to the requests' },
  fullName: { fa: 'نام و نام خانوادگی', en: 'Full name' },
  nationalId: { fa: 'کد ملی', en: 'National ID' },
  mobile: { fa: 'تلفن همراه', en: 'Mobile' },
  ticket: { fa: 'نوبت', en: 'Ticket' },
  handedAt: { fa: 'تحویل به نخستین مرحله', en: 'Handed to the first step' },
  respondedAt: { fa: 'پاسخ از آخرین مرحله', en: 'Response from the last step' },
  deliveredAt: { fa: 'تحویل پاسخ', en: 'Response delivered' },
  documents: { fa: 'مدارک', en: 'Documents' },
  brought: { fa: 'دریافت‌شده', en: 'Received' },
  missing: { fa: 'ناقص (آورده نشده)', en: 'Missing' },
  noDocuments: { fa: 'هیچ', en: 'None' },
  notes: { fa: 'یادداشت پیشخوان', en: 'Desk notes' },
  noNotes: { fa: 'یادداشتی ندارد.', en: 'No notes.' },
  returnedReason: { fa: 'دلیل بازگشت به پیشخوان', en: 'Why it went back to the desk' },
  workflow: { fa: 'گردش کار', en: 'Workflow' },
  post: { fa: 'سمت', en: 'Post' },
  agreed: { fa: 'زمان مقرر', en: 'Agreed time' },
  current: { fa: 'مرحلهٔ کنونی', en: 'Current step' },
  done: { fa: 'انجام شد', en: 'Done' },
  history: { fa: 'سابقه', en: 'History' },
  when: { fa: 'زمان', en: 'When' },
  who: { fa: 'چه کسی', en: 'Who' },
  what: { fa: 'چه شد', en: 'What' },
  visitor: { fa: 'مراجع', en: 'The visitor' },
  system: { fa: 'سامانه', en: 'The system' },
  documentsTitle: { fa: 'پرونده‌ها', en: 'Files' },
  receiptPdf: { fa: 'رسید درخواست (PDF)', en: 'Request receipt (PDF)' },
  responsePdf: { fa: 'اطلاعیهٔ پاسخ (PDF)', en: 'Response notice (PDF)' },
  response: { fa: 'اطلاعیهٔ پاسخ', en: 'Response notice' },
  responseNumber: { fa: 'شمارهٔ اطلاعیه', en: 'Notice number' },
  issuedAt: { fa: 'زمان صدور', en: 'Issued at' },
  issuer: { fa: 'صادرکننده', en: 'Issuer' },
  inquiryWaiting: { fa: 'استعلام در انتظار پاسخ', en: 'Inquiry waiting for an answer' },
  changedMeanwhile: {
    fa: 'درخواست در این میان تغییر کرد و آخرین وضعیتش نشان داده شد.',
    en: 'The request changed meanwhile; its latest state is shown.',
  },
  // moves
  moves: { fa: 'اقدام‌ها', en: 'Actions' },
  noMoves: { fa: 'اکنون اقدامی از سوی شما لازم نیست.', en: 'Nothing for you to do now.' },
  accept: { fa: 'پذیرش درخواست', en: 'Take the request' },
  acceptHint: {
    fa: 'با پذیرش، درخواست به نام شما می‌شود و همکاران می‌بینند که در دست شماست.',
    en: 'Taking it puts your name on it, so colleagues see you have it.',
  },
  complete: { fa: 'انجام شد؛ ارسال به مرحلهٔ بعد', en: 'Done: send to the next step' },
  nextStep: { fa: 'مرحلهٔ بعد', en: 'Next step' },
  note: { fa: 'یادداشت', en: 'Note' },
  noteHint: { fa: 'درونی است و به مراجع نشان داده نمی‌شود.', en: 'Internal: never shown to the visitor.' },
  return: { fa: 'بازگرداندن', en: 'Return' },
  returnToStep: { fa: 'بازگشت به مرحلهٔ پیش', en: 'Back to the previous step' },
  returnToDesk: {
    fa: 'بازگشت به پیشخوان: مراجع باید مدرکی بیاورد یا چیزی را درست کند؛ دلیل به او نشان داده می‌شود.',
    en: 'Back to the desk: the visitor must bring or fix something; the reason is shown to them.',
  },
  reason: { fa: 'دلیل', en: 'Reason' },
  forward: { fa: 'ارجاع به واحد دیگر', en: 'Forward to another unit' },
  toUnit: { fa: 'واحد مقصد', en: 'To unit' },
  chooseUnit: { fa: 'یک واحد برگزینید', en: 'Choose a unit' },
  inquiry: { fa: 'استعلام از دستگاه دیگر', en: 'Inquiry to another agency' },
  agency: { fa: 'دستگاه', en: 'Agency' },
  question: { fa: 'پرسش', en: 'Question' },
  inquiryAnswer: { fa: 'ثبت پاسخ استعلام', en: 'Enter the inquiry’s answer' },
  answerOfAgency: { fa: 'پاسخ دستگاه', en: 'The agency’s answer' },
  respond: { fa: 'صدور پاسخ', en: 'Issue the response' },
  respondIntro: {
    fa: 'آخرین مرحله است: اطلاعیهٔ پاسخ (جدول ۴) را بنویسید و صادر کنید؛ مراجع باخبر می‌شود.',
    en: 'This is the last step: write the response notice (table 4) and issue it; the visitor is told.',
  },
  legalBasis: { fa: 'مستندات قانونی و استدلال', en: 'Legal basis and reasoning' },
  answer: { fa: 'مضمون اصلی پاسخ', en: 'The answer' },
  appealTo: { fa: 'مرجع رسیدگی به اعتراض', en: 'Where to appeal' },
  appealUntil: { fa: 'مهلت اعتراض', en: 'Appeal deadline' },
  appealUntilHint: { fa: 'سال/ماه/روز شمسی، مانند ۱۴۰۵/۰۲/۱۵', en: 'Jalali year/month/day, e.g. 1405/02/15' },
  badDate: { fa: 'تاریخ شمسی را به شکل سال/ماه/روز بنویسید.', en: 'Write a Jalali date as year/month/day.' },
  remarks: { fa: 'توضیحات', en: 'Remarks' },
  issuerPost: { fa: 'سمت صادرکننده', en: 'Issuer’s post' },
  deliver: { fa: 'ثبت تحویل پاسخ در پیشخوان', en: 'Record delivery at the desk' },
  withdraw: { fa: 'انصراف مراجع', en: 'Withdrawn by the visitor' },
  send: { fa: 'ثبت', en: 'Record' },
  // what a move did
  'did-accept': { fa: 'درخواست را پذیرفتید.', en: 'You have taken the request.' },
  'did-complete': { fa: 'به مرحلهٔ بعد فرستاده شد.', en: 'Sent to the next step.' },
  'did-return': { fa: 'بازگردانده شد.', en: 'Returned.' },
  'did-forward': { fa: 'به واحد دیگر ارجاع شد.', en: 'Forwarded.' },
  'did-inquiry': { fa: 'استعلام ثبت شد.', en: 'The inquiry is recorded.' },
  'did-inquiry-answer': { fa: 'پاسخ استعلام ثبت شد.', en: 'The inquiry’s answer is recorded.' },
  'did-respond': { fa: 'پاسخ صادر شد.', en: 'The response is issued.' },
  'did-deliver': { fa: 'تحویل ثبت شد.', en: 'Delivery recorded.' },
  'did-resubmit': { fa: 'دوباره فرستاده شد.', en: 'Sent again.' },
  'did-withdraw': { fa: 'درخواست بسته شد.', en: 'The request is closed.' },
} as const satisfies Record<string, Message>;

export type RequestsWord = keyof typeof words;

/** A word in the reader's language; `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, word: RequestsWord, vars: Record<string, string> = {}): string {
  let s: string = words[word][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, v);
  return s;
}

/** Both languages of a word (the menu's). */
export const both = (word: RequestsWord): Message => words[word];

export const STATE_TEXT: Record<RequestState, Message> = {
  'in-progress': { fa: 'در جریان', en: 'In progress' },
  returned: { fa: 'بازگشته به پیشخوان', en: 'Back at the desk' },
  responded: { fa: 'پاسخ صادر شده', en: 'Responded' },
  delivered: { fa: 'پاسخ تحویل شده', en: 'Delivered' },
  withdrawn: { fa: 'منصرف شده', en: 'Withdrawn' },
};

export const STATUS_TEXT: Record<StepStatus, Message> = {
  pending: { fa: 'در انتظار پذیرش', en: 'Waiting to be taken' },
  accepted: { fa: 'پذیرفته شده', en: 'Taken' },
  inquiry: { fa: 'در انتظار پاسخ استعلام', en: 'Waiting for an inquiry' },
};

export const EVENT_TEXT: Record<RequestEventType, Message> = {
  RequestCreated: { fa: 'درخواست در پیشخوان ثبت شد', en: 'Request made at the desk' },
  StepAccepted: { fa: 'پذیرفته شد', en: 'Taken' },
  StepCompleted: { fa: 'انجام شد', en: 'Done' },
  StepReturned: { fa: 'بازگردانده شد', en: 'Returned' },
  StepForwarded: { fa: 'ارجاع شد', en: 'Forwarded' },
  InquirySent: { fa: 'استعلام فرستاده شد', en: 'Inquiry sent' },
  InquiryAnswered: { fa: 'پاسخ استعلام رسید', en: 'Inquiry answered' },
  Resubmitted: { fa: 'دوباره فرستاده شد', en: 'Sent again' },
  ResponseIssued: { fa: 'پاسخ صادر شد', en: 'Response issued' },
  Delivered: { fa: 'پاسخ تحویل شد', en: 'Response delivered' },
  Withdrawn: { fa: 'مراجع منصرف شد', en: 'Withdrawn' },
};
