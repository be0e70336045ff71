// Today's changes (TD1–TD4): a counter's sub-services for today until a time, and a sub-service
// closed for the rest of the day.
import { Refusal } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { counterQueue, kioskSnapshot } from '../queue/views.ts';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { estimate } from './estimate.ts';

/** c2 serves s2 only (configured); k2 holds it. */
function day() {
  const h = new Harness(testConfig());
  h.open('c2', 'k2');
  return h;
}

const assign = (h: Harness, minutes: number, services = [{ serviceId: 's3', weight: 1 }]) =>
  h.run({ type: 'assignToday', counterId: 'c2', services, until: h.now + minutes * MIN, by: 'sup' });

describe("today's assignment of a counter", () => {
  it('[TD1] while in force, call-next at the counter calls the sub-services it names, not its own', () => {
    const h = day();
    const pension = h.issue('s3');
    expect(h.next('c2', 'k2')).toBeNull(); // c2 does not serve s3 by its configuration
    expect(assign(h, 60).ok).toBe(true);
    const record = h.issue('s2');
    // s2 is not part of the assignment: only s3 is called
    expect(h.next('c2', 'k2')?.id).toBe(pension.id);
    h.ok({ type: 'start', counterId: 'c2', clerkId: 'k2' });
    expect(h.next('c2', 'k2')).toBeNull();
    expect(h.state.tickets.get(record.id)?.status).toBe('waiting');
  });

  it('[TD1] the weights of the assignment decide between its sub-services', () => {
    const h = day();
    const s1 = h.issue('s1');
    const s3 = h.issue('s3');
    assign(h, 60, [
      { serviceId: 's1', weight: 1 },
      { serviceId: 's3', weight: 5 },
    ]);
    expect(h.next('c2', 'k2')?.id).toBe(s3.id);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    expect(h.next('c2', 'k2')?.id).toBe(s1.id);
  });

  it('[TD2] from `until` on the counter serves its configured sub-services again, with no event', () => {
    const h = day();
    assign(h, 30);
    const pension = h.issue('s3');
    const record = h.issue('s2');
    const events = h.log.length;
    h.advance(30); // now === until: no longer in force
    expect(h.next('c2', 'k2')?.id).toBe(record.id);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    expect(h.next('c2', 'k2')).toBeNull();
    expect(h.state.tickets.get(pension.id)?.status).toBe('waiting');
    expect(h.log.slice(events).some((e) => e.type === 'CounterAssignmentCleared')).toBe(false);
  });

  it('[TD1] a cleared assignment ends at once; a new one replaces the old', () => {
    const h = day();
    assign(h, 60);
    const pension = h.issue('s3');
    h.ok({ type: 'clearToday', counterId: 'c2', by: 'sup' });
    expect(h.next('c2', 'k2')).toBeNull();
    assign(h, 60, [{ serviceId: 's1', weight: 1 }]);
    expect(h.next('c2', 'k2')).toBeNull();
    assign(h, 60, [{ serviceId: 's3', weight: 2 }]);
    expect(h.next('c2', 'k2')?.id).toBe(pension.id);
  });

  it('[TD1][TD2] the counter queue view follows the assignment before `until` and not after', () => {
    const h = day();
    const pension = h.issue('s3');
    const record = h.issue('s2');
    assign(h, 10);
    expect(counterQueue(h.ix, h.state, 'c2', h.now)?.map((t) => t.id)).toEqual([pension.id]);
    expect(counterQueue(h.ix, h.state, 'c2', h.now + 10 * MIN)?.map((t) => t.id)).toEqual([record.id]);
  });

  it('[TD2][E4] the estimate counts the assignment while the replay is before `until`, not after', () => {
    const h = day();
    const pension = h.issue('s3');
    expect(estimate(h.ix, h.state, h.now, { ticketId: pension.id }).etaMinutes).toBeNull(); // no counter serves s3
    assign(h, 60);
    const during = estimate(h.ix, h.state, h.now, { ticketId: pension.id });
    expect(during.etaMinutes).toBe(0);
    expect(during.etaUnknown).toBeNull();
    h.advance(60);
    expect(estimate(h.ix, h.state, h.now, { ticketId: pension.id }).etaMinutes).toBeNull();
  });

  it('[TD2][E4] a ticket the assignment keeps from the counter is estimated for when it ends', () => {
    const h = day();
    assign(h, 25);
    const record = h.issue('s2');
    const e = estimate(h.ix, h.state, h.now, { ticketId: record.id });
    expect(e.etaMinutes).toBeCloseTo(25, 6);
    h.advance(25);
    expect(h.next('c2', 'k2')?.id).toBe(record.id);
  });

  it('[TD3] an assignment names known active sub-services, each once, weight ≥ 1, until later than now', () => {
    const h = day();
    const refusal = (d: ReturnType<typeof assign>) => (d.ok ? null : d.code);
    expect(refusal(assign(h, 0))).toBe(Refusal.untilPassed);
    expect(refusal(assign(h, -5))).toBe(Refusal.untilPassed);
    expect(refusal(assign(h, 10, []))).toBe(Refusal.invalidAssignment);
    expect(refusal(assign(h, 10, [{ serviceId: 'nope', weight: 1 }]))).toBe(Refusal.unknownService);
    expect(refusal(assign(h, 10, [{ serviceId: 's3', weight: 0 }]))).toBe(Refusal.invalidAssignment);
    expect(
      refusal(
        assign(h, 10, [
          { serviceId: 's3', weight: 1 },
          { serviceId: 's3', weight: 2 },
        ]),
      ),
    ).toBe(Refusal.invalidAssignment);
    const other = h.run({ type: 'assignToday', counterId: 'c9', services: [], until: h.now + MIN, by: 'sup' });
    expect(other.ok ? null : other.code).toBe(Refusal.unknownCounter);
    expect(h.state.todayAssignments.size).toBe(0);
  });
});

describe('a sub-service closed for the rest of the day', () => {
  it('[TD4] issuing is refused with service-closed-today; waiting tickets are still served; reopening lifts it', () => {
    const h = day();
    const waiting = h.issue('s2');
    h.ok({ type: 'closeServiceToday', serviceId: 's2', by: 'sup' });
    const refused = h.run({ type: 'issue', serviceId: 's2', source: { kind: 'web' } });
    expect(refused.ok ? null : refused.code).toBe(Refusal.serviceClosedToday);
    expect(kioskSnapshot(h.ix, h.state, h.now).services.find((s) => s.id === 's2')?.unavailable).toBe('closed-today');
    expect(kioskSnapshot(h.ix, h.state, h.now).services.find((s) => s.id === 's1')?.unavailable).toBeNull();
    expect(h.next('c2', 'k2')?.id).toBe(waiting.id);
    h.ok({ type: 'reopenServiceToday', serviceId: 's2', by: 'sup' });
    expect(h.issue('s2').serviceId).toBe('s2');
  });

  it('[TD4] closing a closed sub-service or reopening an open one appends nothing; an unknown one is refused', () => {
    const h = day();
    h.ok({ type: 'closeServiceToday', serviceId: 's1', by: 'sup' });
    const n = h.log.length;
    expect(h.run({ type: 'closeServiceToday', serviceId: 's1', by: 'sup' })).toMatchObject({ ok: true, events: [] });
    expect(h.run({ type: 'reopenServiceToday', serviceId: 's3', by: 'sup' })).toMatchObject({ ok: true, events: [] });
    expect(h.run({ type: 'clearToday', counterId: 'c1', by: 'sup' })).toMatchObject({ ok: true, events: [] });
    expect(h.log.length).toBe(n);
    const unknown = h.run({ type: 'closeServiceToday', serviceId: 'nope', by: 'sup' });
    expect(unknown.ok ? null : unknown.code).toBe(Refusal.unknownService);
  });
});
