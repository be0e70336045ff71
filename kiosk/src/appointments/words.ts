// The booking, manage and check-in words, Persian first (server/SPEC.md AP1–AP10).
import type { Lang, LocalizedText } from '@nobat/protocol';

const words = {
  book: { fa: 'نوبت‌دهی اینترنتی', en: 'Book an appointment' },
  service: { fa: 'خدمت', en: 'Service' },
  day: { fa: 'روز', en: 'Day' },
  slot: { fa: 'ساعت', en: 'Time' },
  freePlaces: { fa: 'جای خالی', en: 'free' },
  noSlots: { fa: 'در این روز زمان خالی نمانده است.', en: 'No free time left on this day.' },
  mobile: { fa: 'شمارهٔ همراه', en: 'Mobile number' },
  nationalId: { fa: 'کد ملی', en: 'National ID' },
  badMobile: { fa: 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ شروع شود', en: 'A mobile number has 11 digits and starts with 09' },
  badNationalId: {
    fa: 'کد ملی درست نیست؛ رقم کنترل آن نمی‌خواند',
    en: 'This national ID is not valid: its check digit does not match',
  },
  submit: { fa: 'ثبت نوبت', en: 'Book' },
  booked: { fa: 'نوبت شما ثبت شد', en: 'Your appointment is booked' },
  code: { fa: 'کد پیگیری', en: 'Booking code' },
  codeHint: {
    fa: 'این کد را در کیوسک شعبه وارد کنید. پیامک آن هم برایتان فرستاده شد.',
    en: "Enter this code at the branch's kiosk. It was also sent to you by SMS.",
  },
  manage: { fa: 'لغو یا تغییر نوبت', en: 'Cancel or change' },
  cancelBooking: { fa: 'لغو نوبت', en: 'Cancel the appointment' },
  move: { fa: 'تغییر زمان', en: 'Change the time' },
  state_booked: { fa: 'ثبت‌شده', en: 'Booked' },
  state_cancelled: { fa: 'لغو شده', en: 'Cancelled' },
  'state_checked-in': { fa: 'حضور ثبت شد', en: 'Checked in' },
  'state_no-show': { fa: 'حاضر نشدید', en: 'Missed' },
  notFound: { fa: 'این نوبت پیدا نشد', en: 'Appointment not found' },
  nothingBookable: { fa: 'این شعبه نوبت اینترنتی ندارد.', en: 'This branch takes no appointments.' },
  language: { fa: 'English', en: 'فارسی' },
  // kiosk
  haveAppointment: { fa: 'نوبت اینترنتی دارم', en: 'I have an appointment' },
  codeOrId: { fa: 'کد پیگیری یا کد ملی خود را وارد کنید', en: 'Enter your booking code or national ID' },
  checkIn: { fa: 'دریافت نوبت', en: 'Get my ticket' },
  back: { fa: 'بازگشت', en: 'Back' },
  erase: { fa: 'پاک کردن', en: 'Delete' },
  badCodeOrId: {
    fa: 'کد پیگیری ۷ رقم و کد ملی ۱۰ رقم است',
    en: 'A booking code has 7 digits, a national ID 10',
  },
} satisfies Record<string, LocalizedText & { en: string }>;

export type ApptWord = keyof typeof words;
export const w = (lang: Lang, word: ApptWord) => words[word][lang];
