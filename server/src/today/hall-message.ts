// [TD5] A branch's message to its hall screens: one record per branch (kind 'hall-message'), which the
// store forgets by itself at its end (expiresAt). Read against the caller's clock as well, so a message
// whose time is up is never shown, whatever the store's own clock says.
import type { HallMessage, LocalizedText } from '@nobat/protocol';
import type { Store } from '../store/port.ts';

export interface HallMessageRecord {
  text: LocalizedText;
  setAt: number;
  /** Epoch ms; null: until cleared by hand. */
  until: number | null;
  by: { id: string; name: string };
}

const KIND = 'hall-message';

export function hallMessageOf(r: HallMessageRecord): HallMessage {
  return {
    text: r.text,
    setAt: new Date(r.setAt).toISOString(),
    until: r.until === null ? null : new Date(r.until).toISOString(),
  };
}

/** The branch's message in force at `now`, as stored, or undefined. */
export async function readHallRecord(store: Store, branchId: string, now: number) {
  const r = await store.getRecord<HallMessageRecord>(KIND, branchId);
  if (!r || (r.value.until !== null && r.value.until <= now)) return undefined;
  return r;
}

export async function readHallMessage(store: Store, branchId: string, now: number): Promise<HallMessage | null> {
  const r = await readHallRecord(store, branchId, now);
  return r ? hallMessageOf(r.value) : null;
}

/** Sets (or replaces) the branch's message. */
export async function writeHallMessage(store: Store, branchId: string, value: HallMessageRecord): Promise<void> {
  const opts = value.until === null ? {} : { expiresAt: value.until };
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.getRecord(KIND, branchId);
    const put = await store.putRecord(KIND, branchId, value, current?.version ?? 0, opts);
    if (put.ok) return;
  }
  throw new Error('hall message: the record kept changing');
}

/** Clears the branch's message; false when there was none. */
export function deleteHallMessage(store: Store, branchId: string): Promise<boolean> {
  return store.deleteRecord(KIND, branchId);
}
