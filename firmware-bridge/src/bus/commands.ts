// Payloads of the bus commands (PROTOCOL.md, "Commands"), built and checked in one place for the
// bridge's drivers and the simulated devices alike.
import { toAsciiDigits } from '@nobat/protocol';
import { NakReason } from './frame.ts';

export const MAX_NUMBER_CHARS = 12;
export const MAX_TEXT_CHARS = 32;
export const MAX_KEYS_PER_POLL = 8;
const NUMBER_CHARS = /^[0-9A-Z-]+$/;
const TEXT_CHARS = /^[\x20-\x7e]*$/;

/** SHOW_NUMBER: [blink seconds (0 = steady), ASCII number]. */
export function showNumberPayload(text: string, blinkSeconds: number): Buffer {
  if (!text || text.length > MAX_NUMBER_CHARS || !NUMBER_CHARS.test(text)) throw new RangeError(`bad number "${text}"`);
  return Buffer.concat([Buffer.from([clampByte(blinkSeconds)]), Buffer.from(text, 'latin1')]);
}

/** SHOW_TEXT: [hold seconds (0 = until replaced), ASCII text]. */
export function showTextPayload(text: string, holdSeconds: number): Buffer {
  if (text.length > MAX_TEXT_CHARS || !TEXT_CHARS.test(text)) throw new RangeError(`bad text "${text}"`);
  return Buffer.concat([Buffer.from([clampByte(holdSeconds)]), Buffer.from(text, 'latin1')]);
}

/** BRIGHTNESS: [percent 1..100]. */
export function brightnessPayload(percent: number): Buffer {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new RangeError(`bad brightness ${percent}`);
  return Buffer.from([percent]);
}

/** What a device makes of a SHOW_NUMBER payload, or the NAK reason. */
export function parseShowNumber(p: Buffer): { blinkSeconds: number; text: string } | number {
  if (p.length < 2 || p.length > 1 + MAX_NUMBER_CHARS) return NakReason.badLength;
  const text = p.subarray(1).toString('latin1');
  if (!NUMBER_CHARS.test(text)) return NakReason.badValue;
  return { blinkSeconds: p[0] ?? 0, text };
}

export function parseShowText(p: Buffer): { holdSeconds: number; text: string } | number {
  if (p.length < 1 || p.length > 1 + MAX_TEXT_CHARS) return NakReason.badLength;
  const text = p.subarray(1).toString('latin1');
  if (!TEXT_CHARS.test(text)) return NakReason.badValue;
  return { holdSeconds: p[0] ?? 0, text };
}

export function parseBrightness(p: Buffer): { percent: number } | number {
  if (p.length !== 1) return NakReason.badLength;
  const percent = p[0] ?? 0;
  return percent >= 1 && percent <= 100 ? { percent } : NakReason.badValue;
}

/** PING answer: [device type bits, firmware version, flags]. */
export function pingAnswerPayload(type: number, version: number, flags: number): Buffer {
  return Buffer.from([type, version, flags]);
}

/** The age of a press in a POLL_KEYS answer is in tenths of a second; 255 means 25.5 s or more. */
export const KEY_AGE_UNIT_MS = 100;
export const MAX_KEY_AGE = 255;

/** One key of a POLL_KEYS answer: its code and, from a device that reports it, its age in ms. */
export interface PolledKey {
  code: number;
  ageMs?: number;
}

/**
 * POLL_KEYS answer: [count N, N key codes (oldest first)], then, from a device that reports ages,
 * [N ages in tenths of a second] (PROTOCOL.md: LEN is 1+N without ages, 1+2N with them).
 */
export function pollKeysAnswerPayload(codes: number[], agesMs?: number[]): Buffer {
  const ages = agesMs?.map((ms) => Math.max(0, Math.min(MAX_KEY_AGE, Math.floor(ms / KEY_AGE_UNIT_MS)))) ?? [];
  return Buffer.from([codes.length, ...codes, ...ages]);
}

export function parsePollKeysAnswer(p: Buffer): PolledKey[] {
  const n = p[0] ?? 0;
  const codes = [...p.subarray(1, 1 + n)];
  const withAges = p.length >= 1 + 2 * n && n > 0;
  return codes.map((code, i) => (withAges ? { code, ageMs: (p[1 + n + i] ?? 0) * KEY_AGE_UNIT_MS } : { code }));
}

/** Ticket numbers and short messages as an LED can show them: Latin digits, printable ASCII. */
export function toLedText(s: string, max = MAX_TEXT_CHARS): string {
  return toAsciiDigits(s)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, max);
}

function clampByte(n: number): number {
  return Math.max(0, Math.min(255, Math.round(n)));
}
