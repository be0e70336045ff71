// The satisfaction survey's rules (SPEC SU1–SU8): when a ticket's survey is open, what an answer keeps,
// and the results by axis, sub-service, clerk and Jalali month. Pure: no store, no clock.
import {
  jalaliMonthKey,
  jalaliPeriodLabel,
  SURVEY_AXES,
  SURVEY_AXIS_OF,
  SURVEY_QUESTION_IDS,
  type SurveyAnswerBody,
  type SurveyBy,
  type SurveyResultRow,
  toJalali,
} from '@nobat/protocol';
import type { Ticket } from './state.ts';

/** What is kept of one answer (record kind 'survey', id: the ticket): where and by whom it was served, never the mobile. */
export interface SurveyRecord extends SurveyAnswerBody {
  ticketId: string;
  branchId: string;
  serviceId: string;
  counterId: string | null;
  clerkId: string | null;
  /** The visit's local day, YYYY-MM-DD. */
  day: string;
  answeredAt: string;
}

/** [SU2] The survey of a ticket is open once its visit has ended: served to the end (ServiceFinished). */
export function surveyOpen(t: Pick<Ticket, 'status'>): boolean {
  return t.status === 'finished';
}

/** [SU4] The record an answer makes: the ticket's branch, sub-service, clerk and day, and the answer. */
export function surveyRecord(
  branchId: string,
  day: string,
  t: Pick<Ticket, 'id' | 'serviceId' | 'counterId' | 'clerkId'>,
  body: SurveyAnswerBody,
  at: number,
): SurveyRecord {
  return {
    ...body,
    ticketId: t.id,
    branchId,
    serviceId: t.serviceId,
    counterId: t.counterId ?? null,
    clerkId: t.clerkId ?? null,
    day,
    answeredAt: new Date(at).toISOString(),
  };
}

const monthKey = (day: string) => {
  const j = toJalali(day);
  return jalaliMonthKey(j.jy, j.jm);
};

type Label = { fa: string; en?: string };

class Tally {
  answers = 0;
  sum = 0;
  n = 0;
  dist: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  add(level: number | undefined) {
    if (level === undefined) return;
    this.sum += level;
    this.n += 1;
    this.dist[level - 1] = (this.dist[level - 1] ?? 0) + 1;
  }
  row(key: string, label: Label): SurveyResultRow {
    return {
      key,
      label,
      answers: this.answers,
      mean: this.n === 0 ? null : Math.round((this.sum / this.n) * 100) / 100,
      distribution: [...this.dist],
    };
  }
}

export interface SurveyLabels {
  service(id: string): Label;
  clerk(id: string): Label;
}

/**
 * [SU6] Results of the answers given: by axis (every axis, in the form's order, the mean of its
 * questions' levels 1–5 and their distribution), or by sub-service, clerk or Jalali month (the mean
 * and distribution of all 16 answers of each survey in the group). Answers are added one at a time,
 * so the caller can stream them from the store.
 */
export class SurveyResultsBuilder {
  readonly #groups = new Map<string, Tally>();
  #total = 0;
  constructor(readonly by: SurveyBy) {
    if (by === 'axis') for (const a of SURVEY_AXES) this.#tally(a.id);
  }

  #tally(key: string): Tally {
    let t = this.#groups.get(key);
    if (!t) {
      t = new Tally();
      this.#groups.set(key, t);
    }
    return t;
  }

  add(r: SurveyRecord): void {
    this.#total += 1;
    if (this.by === 'axis') {
      const seen = new Set<string>();
      for (const id of SURVEY_QUESTION_IDS) {
        const axis = SURVEY_AXIS_OF[id] as string;
        const t = this.#tally(axis);
        if (!seen.has(axis)) {
          seen.add(axis);
          t.answers += 1;
        }
        t.add(r.answers[id]);
      }
      return;
    }
    const key = this.by === 'service' ? r.serviceId : this.by === 'clerk' ? (r.clerkId ?? '-') : monthKey(r.day);
    const t = this.#tally(key);
    t.answers += 1;
    for (const id of SURVEY_QUESTION_IDS) t.add(r.answers[id]);
  }

  result(labels: SurveyLabels): { answers: number; rows: SurveyResultRow[] } {
    const by = this.by;
    const label = (key: string): Label => {
      if (by === 'axis') return SURVEY_AXES.find((a) => a.id === key)?.title ?? { fa: key };
      if (by === 'service') return labels.service(key);
      if (by === 'clerk') return key === '-' ? { fa: 'نامشخص', en: 'Unknown' } : labels.clerk(key);
      return { fa: jalaliPeriodLabel(key, 'fa'), en: jalaliPeriodLabel(key, 'en') };
    };
    const keys = [...this.#groups.keys()];
    if (by !== 'axis') keys.sort();
    return { answers: this.#total, rows: keys.map((k) => (this.#groups.get(k) as Tally).row(k, label(k))) };
  }
}

/** [SU6] The results of a set of answers at once (see SurveyResultsBuilder). */
export function surveyResults(records: Iterable<SurveyRecord>, by: SurveyBy, labels: SurveyLabels) {
  const b = new SurveyResultsBuilder(by);
  for (const r of records) b.add(r);
  return b.result(labels);
}

/** [SU1] How long after a visit the counter's tablet still offers its survey. */
export const TABLET_SURVEY_MS = 10 * 60_000;

/** [SU1] The ticket a counter's tablet offers: the one the counter finished last, within TABLET_SURVEY_MS. */
export function tabletTicket<T extends Pick<Ticket, 'status' | 'counterId' | 'endedAt' | 'order'>>(
  tickets: Iterable<T>,
  counterId: string,
  now: number,
): T | undefined {
  let best: T | undefined;
  for (const t of tickets) {
    if (t.status !== 'finished' || t.counterId !== counterId || t.endedAt === undefined) continue;
    if (now - t.endedAt > TABLET_SURVEY_MS) continue;
    // The last to end; at the same moment, the one issued later (it was served after).
    const later = !best || t.endedAt > (best.endedAt ?? 0) || (t.endedAt === best.endedAt && t.order > best.order);
    if (later) best = t;
  }
  return best;
}
