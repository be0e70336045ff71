// followLive over a fake connection: it asks for a snapshot on a gap (not on a duplicate), holds the
// events that arrive meanwhile and replays them over the answer, and reconnects when no answer comes.
import { EventEmitter } from 'node:events';
import type { CallPayload, DisplaySnapshot } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import type { BranchEvent } from './follow.ts';
import { followLive, type LiveChange, type LiveSource } from './live.ts';

const snap = (version: number, calls: string[] = []): DisplaySnapshot => ({
  branchId: 'b',
  branchName: { fa: 'ش' },
  day: '2026-12-02',
  version,
  serverTime: '',
  counters: [],
  services: [],
  recentCalls: calls.map((id, i) => call(id, version - i)),
});
const call = (ticketId: string, version: number, since = version - 1): CallPayload => ({
  ticketId,
  number: ticketId,
  counterId: 'c',
  counterNumber: 1,
  serviceId: 's',
  calledAt: '',
  recall: false,
  version,
  since,
});

class FakeSource extends EventEmitter implements LiveSource<DisplaySnapshot> {
  requests: { resolve: (s: DisplaySnapshot) => void; reject: (e: Error) => void }[] = [];
  reconnects = 0;
  requestSnapshot(): Promise<DisplaySnapshot> {
    return new Promise((resolve, reject) => this.requests.push({ resolve, reject }));
  }
  reconnect(): void {
    this.reconnects++;
  }
  send(e: BranchEvent<DisplaySnapshot>): void {
    this.emit(e.type, e.payload);
  }
}

function follow() {
  const source = new FakeSource();
  const changes: LiveChange<DisplaySnapshot>[] = [];
  const following = followLive(source, (c) => changes.push(c));
  const calls = () => changes.at(-1)?.state.view.recentCalls.map((c) => c.ticketId);
  return { source, changes, stop: following.stop, refresh: following.refresh, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('followLive', () => {
  it('applies the snapshot and each new event; a duplicate is not reported and asks for nothing', () => {
    const { source, changes, calls } = follow();
    source.send({ type: 'snapshot', payload: snap(10) });
    source.send({ type: 'ticket:called', payload: call('a', 11) });
    source.send({ type: 'ticket:called', payload: call('a', 11) });
    expect(changes.map((c) => c.event.type)).toEqual(['snapshot', 'ticket:called']);
    expect(calls()).toEqual(['a']);
    expect(source.requests).toHaveLength(0);
  });

  it('on a gap asks for a snapshot once, holds what arrives meanwhile, and replays it over the answer', async () => {
    const { source, changes, calls } = follow();
    source.send({ type: 'snapshot', payload: snap(10) });
    source.send({ type: 'ticket:called', payload: call('c', 13) }); // 11 and 12 were missed
    source.send({ type: 'ticket:called', payload: call('d', 14) });
    expect(source.requests).toHaveLength(1);
    expect(changes).toHaveLength(1);
    // The server's answer already holds c (13); d (14) is applied over it.
    source.requests[0]?.resolve(snap(13, ['c', 'b', 'a']));
    await tick();
    expect(calls()).toEqual(['d', 'c', 'b', 'a']);
    expect(changes.at(-1)?.state.version).toBe(14);
    expect(source.requests).toHaveLength(1);
  });

  it('reconnects when the snapshot cannot be had, and follows the snapshot the reconnect brings', async () => {
    const { source, calls } = follow();
    source.send({ type: 'snapshot', payload: snap(10) });
    source.send({ type: 'ticket:called', payload: call('c', 13) });
    source.requests[0]?.reject(new Error('timeout'));
    await tick();
    expect(source.reconnects).toBe(1);
    source.send({ type: 'snapshot', payload: snap(20, ['x']) });
    source.send({ type: 'ticket:called', payload: call('y', 21) });
    expect(calls()).toEqual(['y', 'x']);
  });

  it('refresh asks for a snapshot and applies it', async () => {
    const { source, calls, refresh } = follow();
    source.send({ type: 'snapshot', payload: snap(10) });
    refresh();
    expect(source.requests).toHaveLength(1);
    source.requests[0]?.resolve(snap(12, ['b', 'a']));
    await tick();
    expect(calls()).toEqual(['b', 'a']);
  });

  it('stops listening when stopped', () => {
    const { source, changes, stop } = follow();
    stop();
    source.send({ type: 'snapshot', payload: snap(10) });
    expect(changes).toEqual([]);
    expect(source.listenerCount('snapshot')).toBe(0);
  });
});
