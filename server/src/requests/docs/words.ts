// What the request's documents say, and how they write their values: Persian digits and Jalali dates
// in the branch's time zone in Persian (J1), Latin digits in English; a local day (a promised date, an
// appeal deadline) as that calendar day wherever the server runs.
import {
  type BranchConfig,
  clockTime,
  formatTrackingCode,
  jalaliDate,
  type Lang,
  type LocalizedText,
  localDigits,
  localized,
  type RequestView,
} from '@nobat/protocol';

/** Text the document writes: digits in the reader's script. */
export const digits = (lang: Lang, text: string) => localDigits(lang, text);

/**
 * Text people typed (names, the answer): Persian digits in a Persian document; as typed in an English
 * one (a Persian answer keeps its Persian digits there).
 */
export const typed = (lang: Lang, text: string) => (lang === 'fa' ? localDigits('fa', text) : text);

/** Left to right whatever surrounds it (Unicode's LRI…PDI): a code after Persian words keeps its order. */
export const isolateLtr = (text: string) => `\u2066${text}\u2069`;

/** «یکشنبه ۱۴ اردیبهشت ۱۴۰۴، ساعت ۰۹:۰۰»: an instant in the branch's time zone. */
export function dateTime(lang: Lang, iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  const sep = lang === 'fa' ? '، ساعت ' : ', ';
  return `${jalaliDate(at, lang, timeZone)}${sep}${clockTime(at, lang, timeZone)}`;
}

/** «چهارشنبه ۱۷ اردیبهشت ۱۴۰۴»: a local day (YYYY-MM-DD), the same day in any time zone. */
export function dayText(lang: Lang, day: string): string {
  return jalaliDate(Date.parse(`${day}T12:00:00Z`), lang, 'UTC');
}

/**
 * «۱۲۳-۴۵۶-۷۸۹۰» in Persian, "123-456-7890" in English; a notice number "<code>-1" the same way. Read
 * left to right even after Persian words (after an Arabic letter, digits would otherwise run right to left).
 */
export function codeText(lang: Lang, code: string): string {
  const m = /^(\d{10})(.*)$/.exec(code);
  return isolateLtr(digits(lang, m ? `${formatTrackingCode(m[1] as string)}${m[2]}` : code));
}

/** The sub-service's required documents by id, titled in the reader's language (an unknown id as itself). */
export function documentTitles(lang: Lang, config: BranchConfig, view: RequestView, ids: readonly string[]): string[] {
  const docs = config.services.find((s) => s.id === view.serviceId)?.info.requiredDocuments ?? [];
  return ids.map((id) => {
    const d = docs.find((x) => x.id === id);
    return d ? localized(lang, d.title) : id;
  });
}

/** A configured text in the reader's language (Persian when it has no English). */
export const text = (lang: Lang, t: LocalizedText | string) => typed(lang, localized(lang, t));

/** The branch as the documents name it: its name, and its address (Persian only) on a line of its own. */
export function branchText(lang: Lang, config: BranchConfig): string {
  const { name, address } = config.branch;
  return text(lang, name) + (address ? `\n${typed(lang, address)}` : '');
}

export const list = (lang: Lang, items: readonly string[], none: string) =>
  items.length ? items.join(lang === 'fa' ? '، ' : ', ') : none;

export const pageLabel = (lang: Lang) => (i: number, n: number) =>
  lang === 'fa' ? digits('fa', `صفحهٔ ${i} از ${n}`) : `Page ${i} of ${n}`;
