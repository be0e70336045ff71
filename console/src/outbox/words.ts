// [NT9] The outbox page's words, in both languages (the menu uses `nav`).
import type { Message } from '@nobat/protocol';

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
