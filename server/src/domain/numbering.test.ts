import { BranchConfig, formatTicketNumber } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { testConfig, testConfigInput } from '../testing/fixtures.ts';
import { Harness, MIN, T0 } from '../testing/harness.ts';
import { localDay, localMoment } from './local-time.ts';

describe('numbering', () => {
  it('[N1] numbers are prefix + value, zero-padded to the configured digits', () => {
    expect(formatTicketNumber({ prefix: '', digits: undefined }, 1001)).toBe('1001');
    expect(formatTicketNumber({ prefix: 'A', digits: 3 }, 7)).toBe('A007');
    const h = new Harness(testConfig());
    expect(h.issue('s1').number).toBe('1001');
    expect(h.issue('s1').number).toBe('1002');
    expect(h.issue('s2').number).toBe('A001');
    expect(h.issue('s2').number).toBe('A002');
  });

  it('[N2] the day is the local day in Tehran: 23:59 and 00:00 local are different days', () => {
    // 2026-11-22 23:59 Tehran = 20:29 UTC; midnight Tehran = 20:30 UTC.
    const beforeMidnight = Date.UTC(2026, 10, 22, 20, 29);
    const afterMidnight = Date.UTC(2026, 10, 22, 20, 30);
    expect(localDay(beforeMidnight, 'Asia/Tehran')).toBe('2026-11-22');
    expect(localDay(afterMidnight, 'Asia/Tehran')).toBe('2026-11-23');
    expect(localMoment(afterMidnight, 'Asia/Tehran')).toMatchObject({ time: '00:00', weekday: 'mon' });
    // …while in UTC both instants are still the 22nd.
    expect(localDay(afterMidnight, 'UTC')).toBe('2026-11-22');
  });

  it('[N3] at the end of its range numbering wraps, skipping numbers still in play', () => {
    const h = new Harness(
      testConfig((c) => {
        const s3 = c.services[2];
        if (s3) s3.numbering = { from: 1, to: 3 };
      }),
    );
    h.open('c3', 'k3');
    const a = h.issue('s3');
    const b = h.issue('s3');
    const c = h.issue('s3');
    expect([a.number, b.number, c.number]).toEqual(['1', '2', '3']);
    // All three in play: no number left.
    expect(h.run({ type: 'issue', serviceId: 's3', source: { kind: 'web' }, ticketId: 'x' })).toMatchObject({
      ok: false,
      code: 'range-exhausted',
    });
    // Serve ticket "1" (c3 also serves s1/s2 but they are empty): "1" becomes free again.
    expect(h.serveNext('c3', 'k3')).toBe('1');
    expect(h.issue('s3').number).toBe('1');
    // "2" and "3" are still waiting, "1" is in play again: wrapping continues past them.
    expect(h.run({ type: 'issue', serviceId: 's3', source: { kind: 'web' }, ticketId: 'y' })).toMatchObject({
      ok: false,
      code: 'range-exhausted',
    });
    expect(h.serveNext('c3', 'k3')).toBe('2');
    expect(h.issue('s3').number).toBe('2');
  });

  it('[N3] two tickets in play never share a number, over many wraps', () => {
    const h = new Harness(
      testConfig((c) => {
        const s3 = c.services[2];
        if (s3) s3.numbering = { from: 10, to: 14 };
      }),
    );
    h.open('c3', 'k3');
    for (let i = 0; i < 200; i++) {
      if (i % 3 !== 2) {
        const r = h.run({ type: 'issue', serviceId: 's3', source: { kind: 'web' }, ticketId: `n${i}` });
        if (!r.ok) expect(r.code).toBe('range-exhausted');
      } else h.serveNext('c3', 'k3');
      const live = [...h.state.tickets.values()].filter((t) => ['waiting', 'called', 'serving'].includes(t.status));
      expect(new Set(live.map((t) => t.number)).size).toBe(live.length);
    }
  });

  it('[N4] a daily cap refuses with capacity-reached; transfers in do not count', () => {
    const h = new Harness(
      testConfig((c) => {
        const s2 = c.services[1];
        if (s2) s2.dailyCap = 2;
      }),
    );
    h.issue('s2');
    h.issue('s2');
    expect(h.run({ type: 'issue', serviceId: 's2', source: { kind: 'web' }, ticketId: 'over' })).toMatchObject({
      ok: false,
      code: 'capacity-reached',
    });
    expect(h.state.tickets.has('over')).toBe(false);
    // A ticket transferred from s1 into s2 is accepted although s2 is at its cap.
    h.issue('s1');
    h.open('c1', 'k1');
    expect(h.next('c1', 'k1')?.serviceId).toBe('s1');
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2' });
    expect([...h.state.waiting].length).toBe(3);
  });

  it('[N5] no ticket outside opening hours, for an inactive service, or an appointment without time', () => {
    const h = new Harness(
      testConfig((c) => {
        c.branch.openingHours = [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }];
        const s3 = c.services[2];
        if (s3) s3.active = false;
      }),
    );
    const issue = (at: number, serviceId = 's1') => {
      h.now = at;
      return h.run({ type: 'issue', serviceId, source: { kind: 'web' }, ticketId: `i${at}` });
    };
    // T0 is Sunday 09:00 Tehran: open.
    expect(issue(T0).ok).toBe(true);
    expect(issue(T0 - 91 * MIN)).toMatchObject({ ok: false, code: 'branch-closed' }); // 07:29
    expect(issue(T0 - 90 * MIN).ok).toBe(true); // 07:30
    expect(issue(T0 + 330 * MIN)).toMatchObject({ ok: false, code: 'branch-closed' }); // 14:30
    expect(issue(T0 + 4 * 24 * 60 * MIN)).toMatchObject({ ok: false, code: 'branch-closed' }); // Thursday
    expect(issue(T0, 's3')).toMatchObject({ ok: false, code: 'service-inactive' });
    expect(issue(T0, 'nope')).toMatchObject({ ok: false, code: 'unknown-service' });
    h.now = T0;
    expect(
      h.run({ type: 'issue', serviceId: 's1', priorityId: 'appointment', source: { kind: 'web' }, ticketId: 'ap' }),
    ).toMatchObject({ ok: false, code: 'appointment-time-required' });
    expect(
      h.run({ type: 'issue', serviceId: 's1', priorityId: 'vip', source: { kind: 'web' }, ticketId: 'vip' }),
    ).toMatchObject({ ok: false, code: 'unknown-priority' });
  });
});

describe('holidays', () => {
  it('[N6] on a holiday (a local day of the branch) nothing is issued, whatever the hours; the day after, it is', () => {
    // T0 is Sunday 09:00 Tehran; the holiday is that local day. 23:59 Tehran is still the holiday,
    // 00:00 is the next day though UTC has not turned yet.
    const holiday = localDay(T0, 'Asia/Tehran');
    const h = new Harness(
      testConfig((c) => {
        c.branch.holidays = [holiday];
      }),
    );
    const issue = (at: number) => {
      h.now = at;
      return h.run({ type: 'issue', serviceId: 's1', source: { kind: 'web' }, ticketId: `h${at}` });
    };
    expect(issue(T0)).toMatchObject({ ok: false, code: 'branch-closed' });
    const lastMinute = T0 + (14 * 60 + 59) * MIN; // 23:59 local
    expect(localDay(lastMinute, 'Asia/Tehran')).toBe(holiday);
    expect(issue(lastMinute)).toMatchObject({ ok: false, code: 'branch-closed' });
    expect(issue(lastMinute + MIN).ok).toBe(true);
    // The same instant in a branch whose zone is UTC is another local day (05:30 UTC): open.
    const utc = new Harness(
      testConfig((c) => {
        c.branch.timeZone = 'UTC';
        c.branch.holidays = [localDay(T0 + 15 * 60 * MIN, 'Asia/Tehran')];
      }),
    );
    utc.now = T0 + 15 * 60 * MIN; // 00:00 Monday Tehran, 20:30 Sunday UTC
    expect(utc.run({ type: 'issue', serviceId: 's1', source: { kind: 'web' }, ticketId: 'u' }).ok).toBe(true);
  });

  it('[N6] a holiday must be a calendar date YYYY-MM-DD', () => {
    for (const bad of ['1405-09-31', '2026-02-30', '2026/03/01', '2026-3-1']) {
      const r = BranchConfig.safeParse({
        ...testConfigInput(),
        branch: { ...testConfigInput().branch, holidays: [bad] },
      });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['branch', 'holidays', 0]);
    }
    expect(testConfig().branch.holidays).toEqual([]);
  });
});

describe('configuration', () => {
  it('[M1] a configuration whose numbers could collide, or that names unknown things, is refused', () => {
    const overlapping = testConfigInput();
    const s2 = overlapping.services[1];
    if (s2) s2.numbering = { from: 1500, to: 2500 };
    const r = BranchConfig.safeParse(overlapping);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('services "s1" and "s2" have overlapping ticket numbers');

    const samePrefixOk = testConfigInput();
    const s3 = samePrefixOk.services[2];
    if (s3) s3.numbering = { prefix: 'A', from: 1000, to: 1999 };
    expect(BranchConfig.safeParse(samePrefixOk).success).toBe(true);

    const unknown = testConfigInput();
    unknown.counters[0]?.services.push({ serviceId: 'ghost' });
    unknown.counters.push({ id: 'c9', number: 1, title: { fa: 'تکراری' }, services: [{ serviceId: 's1' }] });
    unknown.priorities.push({ id: 'normal2', title: { fa: 'عادی ۲' }, kind: 'normal', weight: 0 });
    const messages = (BranchConfig.safeParse(unknown).error?.issues ?? []).map((i) => i.message).join('\n');
    expect(messages).toContain('unknown service "ghost"');
    expect(messages).toContain('duplicate counter number 1');
    expect(messages).toContain('exactly one priority class must be "normal"');
  });
});
