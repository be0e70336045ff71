// [SV3][SV4] The floor's figures as the server computes them from the day's state.
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN, T0 } from '../testing/harness.ts';
import { floorStats, supervisorSnapshot } from './floor.ts';

describe('floor stats', () => {
  it('[SV4] per sub-service: waiting, the longest wait since the earliest issue, target, estimate, served and no-shows today', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    const a = h.issue('s1');
    h.advance(2);
    h.issue('s1');
    h.issue('s1');
    h.serveNext('c1', 'k1'); // a: served
    h.next('c1', 'k1');
    h.ok({ type: 'noShow', counterId: 'c1', clerkId: 'k1' });
    h.advance(3);
    const s = floorStats(h.ix, h.state, h.now);
    const s1 = s.services.find((x) => x.serviceId === 's1');
    expect(a.status).toBe('finished');
    expect(s1).toMatchObject({
      waiting: 1,
      longestWaitMs: 3 * MIN,
      longestSince: new Date(T0 + 2 * MIN).toISOString(),
      servedToday: 1,
      noShowsToday: 1,
      targetWaitMs: h.ix.policy.targetMs.get('s1'),
    });
    expect(s1?.lastInLineEtaMinutes).toEqual(expect.any(Number));
    // Nobody waiting for s3, and no counter serving it open: no estimate, no wait.
    expect(s.services.find((x) => x.serviceId === 's3')).toMatchObject({
      waiting: 0,
      longestWaitMs: 0,
      longestSince: null,
      lastInLineEtaMinutes: null,
    });
    expect(s.version).toBe(h.state.version);
  });

  it('[SV3][SV4] per counter: status, clerk by name, current ticket with its times, pause since when', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    h.issue('s1');
    const t = h.next('c1', 'k1');
    h.advance(1);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'ناهار' });
    const s = floorStats(h.ix, h.state, h.now);
    expect(s.counters).toEqual([
      {
        counterId: 'c1',
        status: 'open',
        clerk: { id: 'k1', name: 'کارمند یک' },
        current: {
          ticketId: t?.id,
          number: t?.number,
          serviceId: 's1',
          status: 'serving',
          calledAt: new Date(T0).toISOString(),
          startedAt: new Date(T0 + MIN).toISOString(),
        },
        pauseReason: null,
        pausedSince: null,
      },
      {
        counterId: 'c2',
        status: 'paused',
        clerk: { id: 'k2', name: 'کارمند دو' },
        current: null,
        pauseReason: 'ناهار',
        pausedSince: new Date(T0 + MIN).toISOString(),
      },
      { counterId: 'c3', status: 'closed', clerk: null, current: null, pauseReason: null, pausedSince: null },
    ]);
    const snap = supervisorSnapshot(h.ix, h.state, h.now);
    expect(snap.floor).toEqual(s);
    expect(snap.clerks.map((c) => c.id)).toEqual(['k1', 'k2', 'k3']);
  });
});
