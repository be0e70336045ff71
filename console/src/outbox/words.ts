// [NT9] The outbox page's words, in both languages (the menu uses `nav`).
import type { Message, SendFailure } from '@nobat/protocol';

export const OUTBOX_WORDS = {
  nav: { fa: 'پیامک‌ها', en: 'SMS' },
  title: { fa: 'پیامک‌های مراجعان', en: 'SMS to visitors' },
  intro: {
    fa: 'هر پیامکی که برای مراجعان نوشته شده: فرستاده، در صف (در ساعات شب نگه داشته)، ناموفق با دلیل، یا کنار گذاشته چون روزش گذشته بود.',
    en: 'Every message written for visitors: sent, queued (held in the night hours), failed with why, or dropped because its day was over.',
  },
  all: { fa: 'همه', en: 'All' },
  state: { fa: 'وضعیت', en: 'State' },
  created: { fa: 'زمان نوشتن', en: 'Written' },
  kind: { fa: 'پیام', en: 'Message' },
  to: { fa: 'شماره', en: 'Number' },
  attempts: { fa: 'تلاش', en: 'Attempts' },
  sent: { fa: 'زمان ارسال', en: 'Sent at' },
  why: { fa: 'دلیل', en: 'Why' },
  empty: { fa: 'پیامکی نیست.', en: 'No messages.' },
} satisfies Record<string, Message>;

/** Why a message failed, in the reader's language (the gateway's own text stays in the cell's title). */
export const FAILURE_TEXT: Record<SendFailure, Message> = {
  timeout: { fa: 'درگاه پیامک در زمان پاسخ نداد', en: 'The SMS gateway did not answer in time' },
  unreachable: { fa: 'درگاه پیامک در دسترس نبود', en: 'The SMS gateway could not be reached' },
  'bad-number': { fa: 'شمارهٔ گیرنده نامعتبر است', en: 'Invalid recipient number' },
  'bad-sender': { fa: 'خط فرستنده نامعتبر است', en: 'Invalid sender line' },
  'bad-text': { fa: 'متن پیام پذیرفته نشد', en: 'The message text was refused' },
  credit: { fa: 'اعتبار حساب پیامک تمام شده است', en: 'The SMS account is out of credit' },
  account: { fa: 'حساب یا کلید درگاه پیامک نامعتبر است', en: 'The SMS account or key is not valid' },
  throttled: { fa: 'درخواست‌ها بیش از حد مجاز درگاه بود', en: 'Too many requests for the gateway' },
  'gateway-busy': { fa: 'درگاه پیامک موقتاً خطا داد', en: 'The SMS gateway failed for now' },
  refused: { fa: 'درگاه پیامک پیام را نپذیرفت', en: 'The SMS gateway refused the message' },
  'day-over': { fa: 'روزِ پیام گذشته بود', en: 'Its day was over' },
};
