import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness } from '../testing/harness.ts';
import { waitingTickets } from './state.ts';

const withCounters = (edit?: Parameters<typeof testConfig>[0]) => {
  const h = new Harness(testConfig(edit));
  h.open('c1', 'k1'); // s1 (weight 3), s2
  h.open('c2', 'k2'); // s2
  return h;
};

describe('supervisor on the floor', () => {
  it('[SV1] a waiting ticket moved to another sub-service keeps its number and its place in time', () => {
    const h = withCounters();
    const early = h.issue('s2');
    h.advance(5);
    h.issue('s1');
    h.advance(5);
    const late = h.issue('s1');
    h.advance(2);
    h.ok({ type: 'move', ticketId: early.id, toServiceId: 's1', by: 'sup' });
    const moved = h.state.tickets.get(early.id);
    expect(moved).toMatchObject({ serviceId: 's1', number: early.number, status: 'waiting', queuedAt: early.queuedAt });
    expect(h.log.at(-1)).toMatchObject({ type: 'TicketMoved', ticketId: early.id, toServiceId: 's1', by: 'sup' });
    // It arrived first, so it is called first from its new queue, ahead of tickets that came later.
    expect(h.next('c1', 'k1')?.id).toBe(early.id);
    expect([...waitingTickets(h.state)].map((t) => t.serviceId)).toEqual(['s1', 's1']);
    expect(late.status).toBe('waiting');
  });

  it('[SV1] a ticket moved to a counter is called by that counter only', () => {
    const h = withCounters();
    h.open('c3', 'k3');
    const t = h.issue('s2');
    h.ok({ type: 'move', ticketId: t.id, toCounterId: 'c3', by: 'sup' });
    expect(h.state.tickets.get(t.id)).toMatchObject({ serviceId: 's2', targetCounterId: 'c3' });
    expect(h.next('c2', 'k2')).toBeNull();
    expect(h.next('c3', 'k3')?.id).toBe(t.id);
  });

  it('[SV1] a move is refused, changing nothing, unless the ticket waits and the target can take it', () => {
    const h = withCounters((c) => {
      const s3 = c.services[2];
      if (s3) s3.active = false;
      c.counters.push({ id: 'c9', number: 9, title: { fa: 'باجه ۹' }, active: false, services: [{ serviceId: 's1' }] });
    });
    const t = h.issue('s1');
    const version = h.state.version;
    const move = (x: { toServiceId?: string; toCounterId?: string }, ticketId = t.id) =>
      h.run({ type: 'move', ticketId, by: 'sup', ...x });
    expect(move({ toServiceId: 's2' }, 'nope')).toMatchObject({ ok: false, code: 'ticket-not-found' });
    expect(move({ toServiceId: 's3' })).toMatchObject({ ok: false, code: 'invalid-move', detail: 'target service' });
    expect(move({ toServiceId: 'zz' })).toMatchObject({ ok: false, code: 'invalid-move' });
    expect(move({ toServiceId: 's1' })).toMatchObject({ ok: false, code: 'invalid-move' });
    expect(move({})).toMatchObject({ ok: false, code: 'invalid-move' });
    expect(move({ toCounterId: 'c2' })).toMatchObject({
      ok: false,
      code: 'invalid-move',
      detail: 'target counter does not serve the service',
    });
    expect(move({ toCounterId: 'c9' })).toMatchObject({ ok: false, code: 'invalid-move', detail: 'target counter' });
    expect(h.state.version).toBe(version);
    // Called, it is no longer waiting: not movable.
    h.next('c1', 'k1');
    expect(move({ toServiceId: 's2' })).toMatchObject({ ok: false, code: 'ticket-not-movable' });
    expect(h.state.tickets.get(t.id)?.serviceId).toBe('s1');
  });

  it('[SV2] a counter paused, resumed and closed on the clerk’s behalf records who acted', () => {
    const h = withCounters();
    h.ok({ type: 'pause', counterId: 'c1', clerkId: 'k1', reason: 'جلسه', by: 'sup' });
    expect(h.log.at(-1)).toMatchObject({ type: 'CounterPaused', clerkId: 'k1', by: 'sup', reason: 'جلسه' });
    h.ok({ type: 'resume', counterId: 'c1', clerkId: 'k1', by: 'sup' });
    expect(h.log.at(-1)).toMatchObject({ type: 'CounterResumed', by: 'sup' });
    h.ok({ type: 'close', counterId: 'c1', clerkId: 'k1', by: 'sup' });
    expect(h.log.at(-1)).toMatchObject({ type: 'CounterClosed', by: 'sup' });
    h.ok({ type: 'open', counterId: 'c3', clerkId: 'k1', by: 'sup' });
    expect(h.log.at(-1)).toMatchObject({ type: 'CounterOpened', clerkId: 'k1', by: 'sup' });
    // The clerk's own commands carry no `by`.
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'x' });
    expect(h.log.at(-1)).not.toHaveProperty('by');
  });

  it('[SV2] opening for a clerk follows C2 and C4: one counter each, only a counter they may staff', () => {
    const h = withCounters((c) => {
      const k3 = c.clerks[2];
      if (k3) k3.counters = ['c1'];
    });
    expect(h.run({ type: 'open', counterId: 'c3', clerkId: 'k3', by: 'sup' })).toMatchObject({
      ok: false,
      code: 'counter-not-allowed',
    });
    expect(h.run({ type: 'open', counterId: 'c3', clerkId: 'k1', by: 'sup' })).toMatchObject({
      ok: false,
      code: 'clerk-at-another-counter',
    });
    expect(h.run({ type: 'open', counterId: 'c3', clerkId: 'nobody', by: 'sup' })).toMatchObject({
      ok: false,
      code: 'unknown-clerk',
    });
  });

  it('[SV3] a paused counter remembers since when, until resumed or closed', () => {
    const h = withCounters();
    h.advance(3);
    const at = h.now;
    h.ok({ type: 'pause', counterId: 'c1', clerkId: 'k1', reason: 'x' });
    h.advance(4);
    expect(h.state.counters.get('c1')).toMatchObject({ status: 'paused', pausedAt: at });
    h.ok({ type: 'resume', counterId: 'c1', clerkId: 'k1' });
    expect(h.state.counters.get('c1')?.pausedAt).toBeUndefined();
    h.ok({ type: 'pause', counterId: 'c1', clerkId: 'k1', reason: 'x' });
    h.ok({ type: 'close', counterId: 'c1', clerkId: 'k1' });
    expect(h.state.counters.get('c1')?.pausedAt).toBeUndefined();
  });
});
