// Iranian identifiers as visitors type them: Persian (۰–۹) or Arabic-Indic (٠–٩) digits accepted.
import { z } from 'zod';

/** Persian and Arabic-Indic digits to ASCII; other characters unchanged. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** ASCII digits to Persian digits, for everything a Persian reader sees. */
export function toPersianDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** The national ID (کد ملی) check: ten digits, the last a check digit over the first nine. */
export function isValidNationalId(input: string): boolean {
  const id = toAsciiDigits(input.trim());
  if (!/^\d{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(id[i]) * (10 - i);
  const r = sum % 11;
  const check = Number(id[9]);
  return r < 2 ? check === r : check === 11 - r;
}

/** An Iranian mobile number in its usual forms (09…, +989…, 00989…, 9…) to "09xxxxxxxxx", or null. */
export function normalizeMobile(input: string): string | null {
  const s = toAsciiDigits(input).replace(/[\s-]/g, '');
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(s);
  return m ? `0${m[1]}` : null;
}

export const NationalId = z
  .string()
  .trim()
  .transform(toAsciiDigits)
  .refine(isValidNationalId, { message: 'کد ملی نامعتبر است / invalid national ID' });

export const MobileNumber = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = normalizeMobile(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'شمارهٔ همراه نامعتبر است / invalid mobile number' });
      return z.NEVER;
    }
    return m;
  });
