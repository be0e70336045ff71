// The survey answers in the store (record kind 'survey', id: the ticket). A branch-month of answers is
// small; they are read as records and filtered one at a time.

import type { SurveyRecord } from '../domain/survey.ts';
import type { Store } from '../store/port.ts';

export type SurveySave = { ok: true; record: SurveyRecord } | { ok: false };

/** [SU3] Writes the answer only if the ticket has none yet (expected version 0): one per ticket, ever. */
export async function saveSurvey(store: Store, record: SurveyRecord): Promise<SurveySave> {
  const r = await store.putRecord<SurveyRecord>('survey', record.ticketId, record, 0);
  return r.ok ? { ok: true, record } : { ok: false };
}

export async function hasSurvey(store: Store, ticketId: string): Promise<boolean> {
  return (await store.getRecord('survey', ticketId)) !== undefined;
}

/** The answers of a range of visit days (inclusive) in the given branches (undefined: all), one at a time. */
export async function* surveysIn(
  store: Pick<Store, 'listRecords'>,
  from: string,
  to: string,
  branchIds: readonly string[] | undefined,
): AsyncGenerator<SurveyRecord> {
  for (const r of await store.listRecords<SurveyRecord>('survey')) {
    const v = r.value;
    if (v.day < from || v.day > to) continue;
    if (branchIds && !branchIds.includes(v.branchId)) continue;
    yield v;
  }
}
