import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN, T0 } from '../testing/harness.ts';
import { clerkDailyLog, visits } from './history.ts';

describe('history', () => {
  it('[H1] waiting and serving times of every visit come from the log alone', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    const a = h.issue('s1');
    h.advance(6);
    h.next('c1', 'k1');
    h.ok({ type: 'recall', counterId: 'c1', clerkId: 'k1' });
    h.advance(1);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.advance(4);
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2' });
    h.advance(3);
    h.next('c2', 'k2');
    h.ok({ type: 'start', counterId: 'c2', clerkId: 'k2' });
    h.advance(2);
    h.ok({ type: 'finish', counterId: 'c2', clerkId: 'k2' });
    const b = h.issue('s2');
    h.next('c2', 'k2');
    h.advance(1);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });

    expect(visits(h.log)).toEqual([
      expect.objectContaining({
        ticketId: a.id,
        serviceId: 's1',
        counterId: 'c1',
        clerkId: 'k1',
        waitMs: 6 * MIN,
        serveMs: 4 * MIN,
        recalls: 1,
        outcome: 'transferred',
      }),
      expect.objectContaining({ ticketId: a.id, serviceId: 's2', counterId: 'c2', waitMs: 3 * MIN, serveMs: 2 * MIN }),
      expect.objectContaining({ ticketId: b.id, outcome: 'no-show', waitMs: 0 }),
    ]);
    expect(visits(h.log)[1]?.outcome).toBe('finished');
    expect(visits(h.log)[2]?.serveMs).toBeUndefined();
  });

  it("[H2] the clerk's daily log (جدول ۲) lists every ticket the clerk started", () => {
    const h = new Harness(
      testConfig((c) => {
        const s1 = c.services[0];
        if (s1) s1.info.averageDuration = { value: 3, unit: 'day' };
      }),
    );
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    const a = h.issue('s1');
    const b = h.issue('s2');
    h.next('c1', 'k1');
    h.advance(2);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.advance(5);
    h.ok({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    h.next('c2', 'k2');
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' }); // never started: not in anyone's log

    const rows = clerkDailyLog(h.ix.config, h.log, 'k1');
    expect(rows).toEqual([
      {
        receiptNumber: a.number,
        ticketId: a.id,
        serviceId: 's1',
        receivedAt: T0 + 2 * MIN,
        promisedAt: T0 + 2 * MIN + 3 * 86_400_000,
        handedAt: T0 + 7 * MIN,
        respondedAt: null,
        deliveredAt: T0 + 7 * MIN,
        outcome: 'finished',
        serveMs: 5 * MIN,
      },
    ]);
    expect(clerkDailyLog(h.ix.config, h.log, 'k2')).toEqual([]);
    expect(b.status).toBe('no-show');
  });
});
