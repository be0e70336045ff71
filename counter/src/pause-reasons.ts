import type { LocalizedText } from '@nobat/protocol';

/** Pause reasons offered with one key; the reason is shown on the counter's signboard, in Persian. */
export const PAUSE_REASONS: LocalizedText[] = [
  { fa: 'نماز', en: 'Prayer' },
  { fa: 'ناهار', en: 'Lunch' },
  { fa: 'استراحت کوتاه', en: 'Short break' },
  { fa: 'کار اداری', en: 'Office work' },
];
