// The numbers a sub-service prints, as the page previews them while its numbering is edited.
import { formatTicketNumber, type Numbering } from '@nobat/protocol';

export type NumberingPreview =
  | { ok: true; first: string; last: string; count: number }
  | { ok: false; reason: 'incomplete' | 'reversed' | 'prefix' | 'too-big' };

/** The first and last ticket numbers and how many there are, or why the numbering cannot work. */
export function previewNumbering(n: Numbering): NumberingPreview {
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  if (!whole(n.from) || !whole(n.to) || (n.digits !== undefined && !Number.isInteger(n.digits))) {
    return { ok: false, reason: 'incomplete' };
  }
  if (!/^[A-Z]{0,3}$/.test(n.prefix)) return { ok: false, reason: 'prefix' };
  if (n.to > 99_999 || (n.digits !== undefined && (n.digits < 1 || n.digits > 5)))
    return { ok: false, reason: 'too-big' };
  if (n.from > n.to) return { ok: false, reason: 'reversed' };
  return {
    ok: true,
    first: formatTicketNumber(n, n.from),
    last: formatTicketNumber(n, n.to),
    count: n.to - n.from + 1,
  };
}

/** Sub-services of the branch whose numbers this one would share (same prefix, overlapping ranges). */
export function overlapping(
  self: { id: string; numbering: Numbering },
  others: readonly { id: string; numbering: Numbering }[],
): string[] {
  return others
    .filter(
      (o) =>
        o.id !== self.id &&
        o.numbering.prefix === self.numbering.prefix &&
        o.numbering.from <= self.numbering.to &&
        self.numbering.from <= o.numbering.to,
    )
    .map((o) => o.id);
}
