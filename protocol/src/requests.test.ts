import { describe, expect, it } from 'vitest';
import {
  dammDigit,
  formatTrackingCode,
  isValidTrackingCode,
  normalizeTrackingCode,
  RequestStatusBody,
  TRACKING_CODE_LENGTH,
  TrackingCode,
} from './requests.ts';

/** mulberry32: a small seeded PRNG, so the codes tested are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function codes(n: number, seed: number): string[] {
  const random = seeded(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let body = String(1 + Math.floor(random() * 9));
    while (body.length < 9) body += String(Math.floor(random() * 10));
    out.push(body + String(dammDigit(body)));
  }
  return out;
}

describe('tracking codes', () => {
  it('[TC1] the Damm digit of the algorithm’s published example (572 → 4) and of a ten-digit code', () => {
    expect(dammDigit('572')).toBe(4);
    expect(isValidTrackingCode('5724')).toBe(false); // too short
    expect(dammDigit('')).toBe(0);
    expect(() => dammDigit('12a')).toThrow(RangeError);
  });

  it('[TC1] every single-digit substitution at every position is caught, for 2,000 codes', () => {
    let checked = 0;
    for (const code of codes(2000, 1404)) {
      expect(code).toHaveLength(TRACKING_CODE_LENGTH);
      expect(isValidTrackingCode(code)).toBe(true);
      for (let i = 0; i < code.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[i]) continue;
          const typo = code.slice(0, i) + String(d) + code.slice(i + 1);
          if (isValidTrackingCode(typo)) throw new Error(`substitution not caught: ${code} → ${typo}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(2000 * 10 * 9);
  });

  it('[TC1] every swap of two adjacent unequal digits is caught, for 2,000 codes', () => {
    let checked = 0;
    for (const code of codes(2000, 1538588)) {
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (isValidTrackingCode(swapped)) throw new Error(`swap not caught: ${code} → ${swapped}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000 * 9 * 0.8);
  });

  it('[TC1] a code starts with 1–9 and has ten digits', () => {
    const [code] = codes(1, 7) as [string];
    expect(isValidTrackingCode(code)).toBe(true);
    const body = `0${code.slice(1, 9)}`;
    expect(isValidTrackingCode(body + String(dammDigit(body)))).toBe(false);
    expect(isValidTrackingCode(`${code}0`)).toBe(false);
    expect(isValidTrackingCode(code.slice(0, 9))).toBe(false);
  });

  it('[TC2] written 3-3-4; read back with Persian digits, spaces, dashes and a ZWNJ', () => {
    const [code] = codes(1, 42) as [string];
    const written = formatTrackingCode(code);
    expect(written).toMatch(/^\d{3}-\d{3}-\d{4}$/);
    expect(normalizeTrackingCode(written)).toBe(code);
    const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] as string);
    const spoken = `${persian.slice(0, 3)} ${persian.slice(3, 6)}\u200c-${persian.slice(6)}`;
    expect(normalizeTrackingCode(spoken)).toBe(code);
    const arabic = code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] as string);
    expect(normalizeTrackingCode(arabic)).toBe(code);
    expect(normalizeTrackingCode('abc')).toBe('abc');
  });

  it('[TC2] the TrackingCode schema normalises good codes and refuses wrong ones', () => {
    const [code] = codes(1, 99) as [string];
    const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] as string);
    expect(TrackingCode.parse(` ${formatTrackingCode(persian)} `)).toBe(code);
    const wrongDigit = code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
    expect(TrackingCode.safeParse(wrongDigit).success).toBe(false);
    expect(TrackingCode.safeParse('12345').success).toBe(false);
    expect(TrackingCode.safeParse('x'.repeat(41)).success).toBe(false);
    expect(RequestStatusBody.safeParse({ code: wrongDigit, nationalId: '1234567891' }).success).toBe(false);
    expect(RequestStatusBody.parse({ code: persian, nationalId: '1234567891' }).code).toBe(code);
  });
});
