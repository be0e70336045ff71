// The kiosk's words in Persian (first) and English. Numbers, dates and the wait estimate are written
// by @nobat/protocol's wording and calendar helpers, as on every other screen.
import type { Lang, LocalizedText } from '@nobat/protocol';

const words = {
  survey: { fa: 'نظرسنجی رضایت از خدمت', en: 'Satisfaction survey' },
  takeTicket: { fa: 'دریافت نوبت', en: 'Take a ticket' },
  chooseGroup: { fa: 'خدمت مورد نیاز خود را انتخاب کنید', en: 'Choose the service you need' },
  chooseService: { fa: 'زیرخدمت را انتخاب کنید', en: 'Choose the sub-service' },
  waiting: { fa: 'نفر در انتظار', en: 'waiting' },
  closed: { fa: 'اکنون ارائه نمی‌شود', en: 'not offered now' },
  full: { fa: 'ظرفیت امروز تکمیل است', en: "today's capacity reached" },
  closedToday: { fa: 'امروز ارائه نمی‌شود', en: 'closed for today' },
  branchClosed: { fa: 'شعبه بسته است', en: 'branch closed' },
  back: { fa: 'بازگشت', en: 'Back' },
  home: { fa: 'صفحهٔ اول', en: 'Start' },
  info: { fa: 'مدارک لازم و اطلاعات خدمت', en: 'Documents and information' },
  steps: { fa: 'مراحل انجام کار', en: 'Steps' },
  documents: { fa: 'مدارک لازم', en: 'Required documents' },
  duration: { fa: 'مدت تقریبی', en: 'Average duration' },
  fees: { fa: 'هزینه‌ها', en: 'Fees' },
  rials: { fa: 'ریال', en: 'rials' },
  free: { fa: 'رایگان', en: 'free' },
  responsible: { fa: 'مسئول پاسخ‌گویی', en: 'Responsible person' },
  priority: { fa: 'اولویت (در صورت نیاز)', en: 'Priority (if it applies)' },
  mobile: { fa: 'شمارهٔ همراه (برای پیامک، اختیاری)', en: 'Mobile number (for SMS, optional)' },
  nationalId: { fa: 'کد ملی (اختیاری)', en: 'National ID (optional)' },
  ok: { fa: 'تأیید', en: 'OK' },
  erase: { fa: 'پاک کردن', en: 'Delete' },
  cancel: { fa: 'انصراف', en: 'Cancel' },
  badMobile: { fa: 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ شروع شود', en: 'A mobile number has 11 digits and starts with 09' },
  badNationalId: { fa: 'کد ملی درست نیست؛ رقم‌ها را بررسی کنید', en: 'This national ID is not valid; check the digits' },
  yourNumber: { fa: 'شمارهٔ نوبت شما', en: 'Your number' },
  ahead: { fa: 'نفر پیش از شما', en: 'ahead of you' },
  estimate: { fa: 'زمان تقریبی انتظار', en: 'Estimated wait' },
  printing: { fa: 'در حال چاپ نوبت…', en: 'Printing your ticket…' },
  printed: { fa: 'نوبت خود را از دستگاه بردارید', en: 'Please take your ticket' },
  printFailed: {
    fa: 'چاپگر در دسترس نیست. نوبت شما ثبت شده است: شماره را یادداشت کنید یا از کد زیر با تلفن همراه عکس بگیرید.',
    en: 'The printer is unavailable. Your ticket is registered: note the number or scan the code with your phone.',
  },
  paperOut: { fa: 'کاغذ چاپگر تمام شده است.', en: 'The printer is out of paper.' },
  scanToTrack: { fa: 'برای پیگیری نوبت با تلفن همراه اسکن کنید', en: 'Scan to follow your turn on your phone' },
  done: { fa: 'پایان', en: 'Done' },
  sending: { fa: 'در حال ثبت نوبت…', en: 'Registering your ticket…' },
  outOfService: { fa: 'دستگاه موقتاً خارج از سرویس است', en: 'This kiosk is temporarily out of service' },
  outOfServiceHint: {
    fa: 'در حال برقراری دوبارهٔ ارتباط… لطفاً چند لحظه صبر کنید یا به میز خدمت مراجعه کنید.',
    en: 'Reconnecting… please wait a moment or ask at the service desk.',
  },
  notConfigured: { fa: 'این دستگاه هنوز راه‌اندازی نشده است', en: 'This kiosk is not set up yet' },
  language: { fa: 'English', en: 'فارسی' },
  // tracking page
  track: { fa: 'پیگیری نوبت', en: 'Your turn' },
  status_waiting: { fa: 'در انتظار', en: 'Waiting' },
  status_called: { fa: 'نوبت شماست', en: "It's your turn" },
  status_serving: { fa: 'در حال خدمت‌گیری', en: 'Being served' },
  // A parked ticket, by why it was parked (rule T6).
  parked_documents: { fa: 'در انتظار تکمیل مدارک', en: 'On hold until your documents are complete' },
  parked_payment: { fa: 'در انتظار پرداخت هزینه', en: 'On hold until the fee is paid' },
  parked_other: {
    fa: 'نوبت شما موقتاً کنار گذاشته شده است؛ دوباره فراخوانده می‌شوید',
    en: 'On hold for now; you will be called again',
  },
  status_finished: { fa: 'خدمت انجام شد', en: 'Served' },
  'status_no-show': { fa: 'حاضر نبودید؛ به میز خدمت مراجعه کنید', en: 'Missed; please ask at the desk' },
  status_cancelled: { fa: 'لغو شد', en: 'Cancelled' },
  counter: { fa: 'باجه', en: 'Counter' },
  missingDocuments: { fa: 'این مدارک را همراه نداشتید:', en: 'You did not bring these documents:' },
  allDocuments: { fa: 'همهٔ مدارک لازم را همراه داشتید.', en: 'You brought every required document.' },
  notFound: { fa: 'این نوبت پیدا نشد', en: 'Ticket not found' },
  live: { fa: 'به‌روزرسانی زنده', en: 'Live' },
  reconnecting: { fa: 'در حال اتصال دوباره…', en: 'Reconnecting…' },
} satisfies Record<string, LocalizedText & { en: string }>;

export type Word = keyof typeof words;

export const t = (lang: Lang, w: Word) => words[w][lang];
