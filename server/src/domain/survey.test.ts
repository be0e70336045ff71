// [SU2][SU4][SU6] The survey's pure rules: when it is open, what an answer keeps, and the results.
import { SURVEY_QUESTION_IDS } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from './state.ts';
import { type SurveyRecord, surveyOpen, surveyRecord, surveyResults } from './survey.ts';

const all = (level: 1 | 2 | 3 | 4 | 5) =>
  Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, level])) as SurveyRecord['answers'];
const rec = (day: string, level: 1 | 2 | 3 | 4 | 5, serviceId = 's1', clerkId: string | null = 'c1'): SurveyRecord => ({
  ticketId: `b~${day}${level}`,
  branchId: 'b',
  serviceId,
  counterId: 'k1',
  clerkId,
  day,
  answeredAt: `${day}T10:00:00.000Z`,
  answers: all(level),
});
const labels = { service: (id: string) => ({ fa: `خدمت ${id}` }), clerk: (id: string) => ({ fa: `کارمند ${id}` }) };

describe('survey rules', () => {
  it('[SU2] open only for a ticket served to the end', () => {
    const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'parked', 'finished', 'no-show', 'cancelled'];
    expect(statuses.filter((status) => surveyOpen({ status }))).toEqual(['finished']);
  });

  it('[SU4] the record keeps branch, sub-service, counter, clerk and day, and the answer', () => {
    const r = surveyRecord(
      'b',
      '2026-12-02',
      { id: 'b~x', serviceId: 's2', counterId: 'k3', clerkId: 'c9' },
      { answers: all(3), sex: 'male' },
      Date.UTC(2026, 11, 2, 9),
    );
    expect(r).toEqual({
      ticketId: 'b~x',
      branchId: 'b',
      serviceId: 's2',
      counterId: 'k3',
      clerkId: 'c9',
      day: '2026-12-02',
      answeredAt: '2026-12-02T09:00:00.000Z',
      answers: all(3),
      sex: 'male',
    });
  });

  it('[SU6] by month: Jalali months of the visit days, hand-checked means and distributions', () => {
    // 2026-11-21 is 30 Aban 1405, 2026-11-22 is 1 Azar 1405.
    const out = surveyResults([rec('2026-11-21', 5), rec('2026-11-22', 2), rec('2026-11-23', 3)], 'month', labels);
    expect(out.answers).toBe(3);
    expect(out.rows).toEqual([
      {
        key: '1405-08',
        label: { fa: 'آبان ۱۴۰۵', en: 'Aban 1405' },
        answers: 1,
        mean: 5,
        distribution: [0, 0, 0, 0, 16],
      },
      {
        key: '1405-09',
        label: { fa: 'آذر ۱۴۰۵', en: 'Azar 1405' },
        answers: 2,
        mean: 2.5,
        distribution: [0, 16, 16, 0, 0],
      },
    ]);
  });

  it('[SU6] by clerk and service: groups sorted, an unknown clerk apart; by axis with no answers: every axis, mean null', () => {
    const out = surveyResults([rec('2026-11-22', 4, 's2', 'c2'), rec('2026-11-22', 1, 's1', null)], 'clerk', labels);
    expect(out.rows.map((r) => [r.key, r.label.fa, r.mean])).toEqual([
      ['-', 'نامشخص', 1],
      ['c2', 'کارمند c2', 4],
    ]);
    const service = surveyResults([rec('2026-11-22', 4, 's2'), rec('2026-11-22', 1, 's1')], 'service', labels);
    expect(service.rows.map((r) => [r.key, r.mean])).toEqual([
      ['s1', 1],
      ['s2', 4],
    ]);
    const empty = surveyResults([], 'axis', labels);
    expect(empty.rows).toHaveLength(6);
    expect(empty.rows.every((r) => r.mean === null && r.answers === 0)).toBe(true);
  });
});
