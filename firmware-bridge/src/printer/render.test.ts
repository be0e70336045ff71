// The ticket's image: size, words, no ink cut off at the edges, an exact and readable QR code.
// (How it looks as a whole is pinned by the golden images in printer.test.ts.)
import { describe, expect, it } from 'vitest';
import { type Bitmap, bitmapFromPng, countDifferentDots, getDot } from './bitmap.ts';
import { renderTicket, renderTicketPng, ticketTexts } from './render.ts';
import { GOLDEN_JOB, readQr } from './testing.ts';
import { PAPER_DOTS } from './types.ts';

const LONG_JOB = {
  ...GOLDEN_JOB,
  number: 'ب۲۰۳',
  ahead: 0,
  etaMinutes: null,
  etaUnknown: 'no-counter-open' as const,
  serviceTitle: { fa: 'صدور، تمدید و المثنی گواهی‌نامهٔ رانندگی پایه یکم و دوم و موتورسیکلت', en: '' },
  branchName: { fa: 'ادارهٔ کل راهنمایی و رانندگی استان خراسان رضوی — مرکز تعویض پلاک شمارهٔ ۳', en: '' },
  trackingUrl: 'https://nobat.example.ir/t/tk-20251122-a-rather-long-ticket-identifier-1234567890',
};

function inkInColumns(b: Bitmap, from: number, to: number): number {
  let n = 0;
  for (let y = 0; y < b.height; y++) for (let x = from; x < to; x++) if (getDot(b, x, y)) n++;
  return n;
}

function inkInRows(b: Bitmap, from: number, to: number): number {
  let n = 0;
  for (let y = from; y < to; y++) for (let x = 0; x < b.width; x++) if (getDot(b, x, y)) n++;
  return n;
}

describe('ticket texts', () => {
  it('writes numbers in Persian digits and the Jalali date and time in Tehran', () => {
    const t = ticketTexts(GOLDEN_JOB);
    expect(t.number).toBe('۱۰۴۲');
    expect(t.rows).toEqual([
      ['افراد پیش از شما', '۷ نفر'],
      ['زمان تقریبی انتظار', 'حدود ۱۸ دقیقه'],
      ['تاریخ', 'شنبه ۱ آذر ۱۴۰۴'],
      ['ساعت', '۱۰:۰۵'],
    ]);
  });

  it('[T10] a reprint is marked as a copy, in Persian and English; an original is not', () => {
    expect(ticketTexts({ ...GOLDEN_JOB, copy: true }).copyMark).toBe('المثنی — COPY');
    expect(ticketTexts({ ...GOLDEN_JOB, copy: false }).copyMark).toBeNull();
    expect(ticketTexts(GOLDEN_JOB).copyMark).toBeNull();
  });

  it('[E2] says when nobody is ahead and when no counter is open, like the kiosk', () => {
    expect(ticketTexts({ ...GOLDEN_JOB, ahead: 0, etaMinutes: 0 }).rows.slice(0, 2)).toEqual([
      ['افراد پیش از شما', 'هیچ‌کس'],
      ['زمان تقریبی انتظار', 'بدون انتظار'],
    ]);
    expect(ticketTexts({ ...GOLDEN_JOB, ahead: 3, etaMinutes: 0.4 }).rows[1]).toEqual(['زمان تقریبی انتظار', 'به‌زودی']);
    // Before any counter opens there is no estimate: the ticket says so, never "no wait".
    expect(ticketTexts({ ...GOLDEN_JOB, ahead: 0, etaMinutes: null, etaUnknown: 'no-counter-open' }).rows[1]).toEqual([
      'زمان تقریبی انتظار',
      'معلوم نیست؛ باجه‌ای باز نیست',
    ]);
  });
});

describe.each([58, 80] as const)('the ticket image on %i mm paper', (mm) => {
  const widthDots = PAPER_DOTS[mm];

  for (const [name, job] of [
    ['a usual ticket', GOLDEN_JOB],
    ['long names and a long tracking address', LONG_JOB],
    ['a reprint (copy) with long names', { ...LONG_JOB, copy: true }],
  ] as const) {
    it(`${name}: full width, whole bytes of rows, nothing touching an edge, QR readable`, () => {
      const b = renderTicket(job, { widthDots });
      expect(b.width).toBe(widthDots);
      expect(b.height % 8).toBe(0);
      expect(b.height).toBeGreaterThan(500);
      // Ink in the middle, none in the outer 4 dots of either side or at the top and bottom: nothing cut off.
      expect(inkInColumns(b, 4, widthDots - 4)).toBeGreaterThan(10_000);
      expect(inkInColumns(b, 0, 4)).toBe(0);
      expect(inkInColumns(b, widthDots - 4, widthDots)).toBe(0);
      expect(inkInRows(b, 0, 2)).toBe(0);
      expect(inkInRows(b, b.height - 4, b.height)).toBe(0);
      expect(readQr(b)).toBe(job.trackingUrl);
    });
  }

  it('wraps a long office name onto more lines instead of cutting it', () => {
    const short = renderTicket({ ...GOLDEN_JOB, branchName: { fa: 'شعبهٔ ۱۴', en: '' } }, { widthDots });
    const long = renderTicket({ ...GOLDEN_JOB, branchName: { fa: LONG_JOB.branchName.fa, en: '' } }, { widthDots });
    expect(long.height).toBeGreaterThan(short.height);
  });

  it('gives the same dots as a PNG for previews', () => {
    const b = renderTicket(GOLDEN_JOB, { widthDots });
    const png = bitmapFromPng(renderTicketPng(GOLDEN_JOB, { widthDots }));
    expect(countDifferentDots(b, png)).toBe(0);
  });
});

it('refuses a width that is not whole bytes', () => {
  expect(() => renderTicket(GOLDEN_JOB, { widthDots: 380 })).toThrow(/width/);
});
