import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDay } from '../domain/local-time.ts';
import type { RecordKind, Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import { type CommandResult, QueueService } from './queue-service.ts';

const kiosk = { kind: 'kiosk', kioskId: 'kiosk-1' } as const;

function ticketOf(r: CommandResult) {
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  if (!r.ticket) throw new Error('no ticket');
  return r.ticket;
}

describe('QueueService on a real SQLite file', () => {
  let dir: string;
  let stores: Store[];
  let now: number;
  const open = () => {
    const s = openSqliteStore(join(dir, 'nobat.sqlite'));
    stores.push(s);
    return s;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-qs-'));
    stores = [];
    now = T0;
    await open().putRecord('branch', 'b1', testConfig(), 0);
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues with an unguessable id, the number, people ahead and the estimate', async () => {
    const q = new QueueService({ store: open(), clock: () => now });
    const first = await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk });
    const second = await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk });
    expect(ticketOf(first)).toMatchObject({ number: '1001', status: 'waiting' });
    expect(ticketOf(second).number).toBe('1002');
    expect(ticketOf(first).id).toMatch(/^b1~[A-Za-z0-9_-]{16}$/);
    // [E2] No counter open: one ahead, and no time.
    expect(second.ok && second.estimate).toEqual({ ahead: 1, etaMinutes: null, etaUnknown: 'no-counter-open' });
  });

  it('a refusal changes nothing and says why in Persian and English', async () => {
    const store = open();
    const q = new QueueService({ store, clock: () => now });
    const r = await q.execute('b1', { type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    expect(r).toMatchObject({ ok: false, code: 'counter-closed', message: { fa: expect.stringContaining('باجه') } });
    expect(await q.execute('nope', { type: 'issue', serviceId: 's1', source: kiosk })).toMatchObject({
      ok: false,
      code: 'unknown-branch',
    });
    expect(await store.readEvents('b1', localDay(now, 'Asia/Tehran'), 0)).toEqual([]);
  });

  it('[S2] two services on one file (as two processes) interleave without a duplicate number or call', async () => {
    const a = new QueueService({ store: open(), clock: () => now });
    const b = new QueueService({ store: open(), clock: () => now });
    await a.execute('b1', { type: 'open', counterId: 'c1', clerkId: 'k1' });
    await b.execute('b1', { type: 'open', counterId: 'c3', clerkId: 'k3' });
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).execute('b1', { type: 'issue', serviceId: 's1', source: kiosk }),
      ),
    );
    const numbers = issued.map((r) => ticketOf(r).number);
    expect(new Set(numbers).size).toBe(40);
    const called: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [x, y] = await Promise.all([
        a.execute('b1', { type: 'callNext', counterId: 'c1', clerkId: 'k1' }),
        b.execute('b1', { type: 'callNext', counterId: 'c3', clerkId: 'k3' }),
      ]);
      called.push(ticketOf(x).id, ticketOf(y).id);
      await a.execute('b1', { type: 'start', counterId: 'c1', clerkId: 'k1' });
      await b.execute('b1', { type: 'start', counterId: 'c3', clerkId: 'k3' });
      await Promise.all([
        a.execute('b1', { type: 'finish', counterId: 'c1', clerkId: 'k1' }),
        b.execute('b1', { type: 'finish', counterId: 'c3', clerkId: 'k3' }),
      ]);
    }
    expect(new Set(called).size).toBe(40);
    const view = await a.view('b1');
    expect(view?.state.waiting.size).toBe(0);
    expect([...(view?.state.tickets.values() ?? [])].every((t) => t.status === 'finished')).toBe(true);
  });

  it('[S2] a command whose read was under way when a write of its branch failed decides on the day read again', async () => {
    // Found by the province bench on a Redis Cluster (two processes, one branch): process A decides a
    // command on its day; its write is refused (B appended first) and A forgets the day. A second
    // command of A, at that moment waiting for the configuration record, must not go on with the
    // forgotten day: it holds A's unwritten event and lacks B's, so its append (at the same version)
    // would pass and give a number B had already given.
    let tick = 0;
    const storeA = open();
    let gate: { reached: () => void; release: Promise<void> } | undefined;
    /** The configuration reads to let through before the gate closes on the next one. */
    let passes = 0;
    const appended: boolean[] = [];
    const gated: Store = {
      ...storeA,
      getRecord: async <T>(kind: RecordKind, id: string) => {
        if (kind === 'branch' && gate) {
          if (passes > 0) {
            passes--;
            const record = await storeA.getRecord<T>(kind, id);
            tick += 1_000; // …and the configuration is due again for the command after this one.
            return record;
          }
          const g = gate;
          gate = undefined;
          g.reached();
          await g.release;
        }
        return storeA.getRecord<T>(kind, id);
      },
      appendEvents: async (...args) => {
        const r = await storeA.appendEvents(...args);
        appended.push(r.ok);
        return r;
      },
    };
    const a = new QueueService({ store: gated, clock: () => now, configTtlMs: 100, monotonic: () => tick });
    const b = new QueueService({ store: open(), clock: () => now });
    expect(ticketOf(await a.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1001');
    expect(ticketOf(await b.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1002');
    appended.length = 0;
    tick += 1_000; // A's configuration is due to be read again by its next command.
    let release = () => {};
    const reached = new Promise<void>((resolve) => {
      gate = { reached: resolve, release: new Promise<void>((r) => (release = r)) };
    });
    passes = 1;
    // Decided on A's day (which lacks 1002); its append will be refused.
    const opening = a.execute('b1', { type: 'open', counterId: 'c1', clerkId: 'k1' });
    const issuing = a.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk });
    await reached;
    await vi.waitFor(() => expect(appended).toContain(false));
    await new Promise((r) => setImmediate(r));
    release();
    expect(ticketOf(await issuing).number).toBe('1003');
    expect((await opening).ok).toBe(true);
    const numbers = (await storeA.readEvents('b1', localDay(now, 'Asia/Tehran'), 0)).flatMap(({ event }) =>
      event.type === 'TicketIssued' ? [event.number] : [],
    );
    expect(numbers).toEqual(['1001', '1002', '1003']);
  });

  it("settled() resolves once what the views already show is in the stored log (the clerk's day reads the log)", async () => {
    const store = open();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let gate = false;
    const gated: Store = {
      ...store,
      appendEvents: async (...args) => {
        if (gate) await held;
        return store.appendEvents(...args);
      },
    };
    const q = new QueueService({ store: gated, clock: () => now });
    ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk }));
    gate = true;
    const issuing = q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk });
    // Decided: the view shows two tickets while the log holds one.
    await vi.waitFor(() => expect(q.peek('b1')?.state.tickets.size).toBe(2));
    let settled = false;
    const waiting = q.settled('b1').then(() => {
      settled = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(await store.readEvents('b1', localDay(now, 'Asia/Tehran'), 0)).toHaveLength(1);
    release();
    await waiting;
    expect(await store.readEvents('b1', localDay(now, 'Asia/Tehran'), 0)).toHaveLength(2);
    await issuing;
  });

  it('[N2] numbering restarts by itself after local midnight; yesterday stays in its own log', async () => {
    const store = open();
    const q = new QueueService({ store, clock: () => now });
    now = Date.UTC(2026, 10, 22, 20, 25); // 23:55 Tehran
    expect(ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1001');
    expect(ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1002');
    now += 10 * MIN; // 00:05 Tehran, the next day
    expect(ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1001');
    expect(await store.listDays('b1')).toEqual(['2026-11-22', '2026-11-23']);
    expect(await store.readEvents('b1', '2026-11-22', 0)).toHaveLength(2);
    // A fresh service (a restarted process) continues today's numbering from the log.
    const again = new QueueService({ store: open(), clock: () => now });
    expect(ticketOf(await again.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number).toBe('1002');
  });

  it('a configuration change is seen at once when invalidated here, and within the TTL when made elsewhere', async () => {
    const store = open();
    let tick = 0;
    const q = new QueueService({ store, clock: () => now, configTtlMs: 200, monotonic: () => tick });
    const capAt = async (cap: number) => {
      const record = await store.getRecord<ReturnType<typeof testConfig>>('branch', 'b1');
      if (!record) throw new Error('no config');
      const edited = testConfig((c) => {
        const s2 = c.services[1];
        if (s2) s2.dailyCap = cap;
      });
      expect((await store.putRecord('branch', 'b1', edited, record.version)).ok).toBe(true);
    };
    const issue = () => q.execute('b1', { type: 'issue', serviceId: 's2', source: kiosk });
    expect((await issue()).ok).toBe(true);
    // Changed by "another process": this one trusts its copy for up to 200 ms…
    await capAt(1);
    tick += 199;
    expect((await issue()).ok).toBe(true);
    tick += 51;
    // …then reads it again: two issued, cap 1.
    expect(await issue()).toMatchObject({ ok: false, code: 'capacity-reached' });
    // Changed here (the admin routes invalidate): seen by the very next command.
    await capAt(10);
    q.invalidateConfig('b1');
    expect((await issue()).ok).toBe(true);
  });

  it('notifies listeners with the stored events of each accepted command', async () => {
    const q = new QueueService({ store: open(), clock: () => now });
    const seen: string[] = [];
    q.onEvents((branchId, day, events) => {
      for (const e of events) seen.push(`${branchId}/${day.state.day}#${e.seq}:${e.event.type}`);
    });
    await q.execute('b1', { type: 'open', counterId: 'c2', clerkId: 'k2' });
    await q.execute('b1', { type: 'issue', serviceId: 's2', source: kiosk });
    await q.execute('b1', { type: 'callNext', counterId: 'c2', clerkId: 'k2' });
    await q.execute('b1', { type: 'callNext', counterId: 'c1', clerkId: 'k1' }); // refused: no event
    expect(seen).toEqual([
      'b1/2026-11-22#1:CounterOpened',
      'b1/2026-11-22#2:TicketIssued',
      'b1/2026-11-22#3:TicketCalled',
    ]);
  });
});

describe('[MEM1] quiet days leave memory and come back from the store', () => {
  let dir: string;
  let stores: Store[];
  let now: number;
  const IDLE = 10 * MIN;
  const open = () => {
    const s = openSqliteStore(join(dir, 'nobat.sqlite'));
    stores.push(s);
    return s;
  };
  const at = { counterId: 'c1', clerkId: 'k1' } as const;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-mem-'));
    stores = [];
    now = T0;
    await open().putRecord('branch', 'b1', testConfig(), 0);
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A morning's work, all served, the counter closed: nothing in play. */
  async function quietDay(q: QueueService): Promise<string[]> {
    await q.execute('b1', { type: 'open', ...at });
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      numbers.push(ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk })).number);
      for (const type of ['callNext', 'start', 'finish'] as const) {
        expect(await q.execute('b1', { type, ...at })).toMatchObject({ ok: true });
      }
    }
    expect(await q.execute('b1', { type: 'close', ...at })).toMatchObject({ ok: true });
    return numbers;
  }

  it('a quiet day unused for the idle time is released; the next command reads it again and numbers on', async () => {
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    const numbers = await quietDay(q);
    const before = await q.view('b1');
    const finished = [...(before?.state.tickets.values() ?? [])].map((t) => ({ ...t }));
    now += IDLE - 1;
    expect(q.releaseIdle()).toEqual([]);
    now += 1;
    expect(q.releaseIdle()).toEqual(['b1']);
    expect(q.held()).toEqual({ days: 0, released: 1 });
    expect(q.peek('b1')).toBeUndefined();
    // Read again in full: the same tickets, and numbering goes on after the last one given.
    const again = await q.view('b1');
    expect(q.held()).toEqual({ days: 1, released: 0 });
    expect([...(again?.state.tickets.values() ?? [])]).toEqual(finished);
    const next = ticketOf(await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk }));
    expect(numbers).not.toContain(next.number);
    expect(next.number).toBe('1004');
  });

  it('a day with a ticket in play, or a counter open, stays held however long it is unused', async () => {
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    await q.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk });
    now += 2 * IDLE;
    expect(q.releaseIdle()).toEqual([]);
    await q.execute('b1', { type: 'open', ...at });
    for (const type of ['callNext', 'start', 'finish'] as const) {
      expect(await q.execute('b1', { type, ...at })).toMatchObject({ ok: true });
    }
    now += 2 * IDLE;
    expect(q.releaseIdle()).toEqual([]); // the counter is still open
    await q.execute('b1', { type: 'close', ...at });
    now += IDLE;
    expect(q.releaseIdle()).toEqual(['b1']);
  });

  it('background readers and configuration reads do not keep a day held, nor bring a released one back', async () => {
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    await quietDay(q);
    const version = (await q.view('b1'))?.state.version;
    now += IDLE / 2;
    await q.view('b1', { background: true });
    await q.config('b1');
    now += IDLE / 2;
    expect(q.releaseIdle()).toEqual(['b1']);
    const seen = await q.view('b1', { background: true });
    expect(seen?.released).toEqual({ version });
    expect(seen?.state.tickets.size).toBe(0);
    await q.config('b1');
    expect(q.held()).toEqual({ days: 0, released: 1 });
  });

  it('a branch first met for its configuration is not read for it: its day starts released', async () => {
    await quietDay(new QueueService({ store: open(), clock: () => now }));
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    expect((await q.config('b1'))?.config.branch.id).toBe('b1');
    expect(q.held()).toEqual({ days: 0, released: 1 });
    expect((await q.view('b1'))?.state.tickets.size).toBe(3);
    expect(q.held()).toEqual({ days: 1, released: 0 });
  });

  it('[S2] a background reader gets the day in full again once another process has appended to it', async () => {
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    await quietDay(q);
    now += IDLE;
    expect(q.releaseIdle()).toEqual(['b1']);
    const other = new QueueService({ store: open(), clock: () => now });
    const issued = ticketOf(await other.execute('b1', { type: 'issue', serviceId: 's1', source: kiosk }));
    const seen = await q.view('b1', { background: true });
    expect(seen?.released).toBeUndefined();
    expect(seen?.state.tickets.get(issued.id)).toMatchObject({ number: issued.number, status: 'waiting' });
    expect(seen?.state.tickets.size).toBe(4);
  });

  it('a released day of yesterday gives way to today', async () => {
    const q = new QueueService({ store: open(), clock: () => now, dayIdleMs: IDLE });
    await quietDay(q);
    now += IDLE;
    q.releaseIdle();
    now += 24 * 60 * MIN;
    const today = await q.view('b1', { background: true });
    expect(today?.released).toBeUndefined();
    expect(today?.state.day).toBe(localDay(now, testConfig().branch.timeZone));
    expect(today?.state.tickets.size).toBe(0);
  });
});
