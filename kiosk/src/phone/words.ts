// The phone ticket page's words (/q/<branch>, PH1–PH7), Persian first.
import type { Lang, LocalizedText } from '@nobat/protocol';

const words = {
  title: { fa: 'نوبت از راه تلفن همراه', en: 'A ticket from your phone' },
  chooseService: { fa: 'خدمت مورد نیاز خود را انتخاب کنید', en: 'Choose the service you need' },
  waiting: { fa: 'نفر در انتظار', en: 'waiting' },
  unavailable: { fa: 'اکنون نوبت داده نمی‌شود', en: 'no tickets now' },
  info: { fa: 'مدارک و اطلاعات', en: 'Documents and info' },
  mobileLabel: { fa: 'شمارهٔ تلفن همراه', en: 'Mobile number' },
  mobileHint: {
    fa: 'یک کد تأیید شش‌رقمی با پیامک به این شماره فرستاده می‌شود.',
    en: 'A six-digit code will be sent to this number by SMS.',
  },
  badMobile: { fa: 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ شروع شود', en: 'A mobile number has 11 digits and starts with 09' },
  sendCode: { fa: 'ارسال کد تأیید', en: 'Send the code' },
  codeLabel: { fa: 'کد تأیید', en: 'Confirmation code' },
  codeSent: { fa: 'کد شش‌رقمی به این شماره فرستاده شد:', en: 'A six-digit code was sent to' },
  badCode: { fa: 'کد شش رقم است', en: 'The code has six digits' },
  takeTicket: { fa: 'دریافت نوبت', en: 'Take the ticket' },
  otherNumber: { fa: 'شمارهٔ دیگر', en: 'Another number' },
  back: { fa: 'بازگشت', en: 'Back' },
  wait: { fa: 'لطفاً صبر کنید…', en: 'Please wait…' },
  closed: { fa: 'این شعبه نوبت از راه تلفن همراه نمی‌دهد.', en: 'This branch does not issue tickets by phone.' },
  notFound: { fa: 'شعبه پیدا نشد', en: 'Branch not found' },
  offline: { fa: 'ارتباط با سرور برقرار نشد؛ دوباره تلاش کنید.', en: 'Could not reach the server; try again.' },
  language: { fa: 'English', en: 'فارسی' },
  // On the tracking page.
  late: { fa: 'دیر می‌رسم', en: "I'm late" },
  lateHint: {
    fa: 'نوبت شما {n} نفر عقب می‌رود؛ فقط یک بار.',
    en: 'Your ticket moves back {n} places; once only.',
  },
  lateDone: { fa: 'نوبت شما {n} نفر عقب رفت.', en: 'Your ticket moved back {n} places.' },
  lateUsed: { fa: 'نوبت شما یک بار عقب رفته است.', en: 'Your ticket has been moved back once.' },
} satisfies Record<string, LocalizedText & { en: string }>;

export type PhoneWord = keyof typeof words;

export const w = (lang: Lang, word: PhoneWord) => words[word][lang];
