// [AP3][AP8] Bookings across two server processes on one Redis: 50 visitors ask for one slot at
// once, half through each process; exactly its capacity succeed, and a check-in sent to both
// processes at once issues one ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../server/src/store/redis/redis-store.ts';
import { type RedisServer, redisAvailable, requireOrSkip, startRedisServer } from '../support/redis-server.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { api } from '../support/socket.ts';

const PASSWORD = 'test-password-1';
const BRANCH = 'sso-tehran-14';
const SERVICE = 'pension'; // the demo books it with three places a slot

/** A valid national ID from nine digits (AP4's check digit appended). */
function nationalId(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('[AP3] bookings on two processes on Redis', () => {
  let redis: RedisServer | undefined;
  const processes: ServerProcess[] = [];
  let urlA = '';
  let urlB = '';
  let kioskToken = '';

  async function start(name: string, redisUrl: string): Promise<string> {
    const p = startServerProcess(name, {
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_WEB_RATE: '1000',
      LOG_LEVEL: 'warn',
    });
    processes.push(p);
    return (await p.url()).replace('//localhost:', '//127.0.0.1:');
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    urlA = await start('server A', redis.url);
    kioskToken = (await processes[0]?.waitForOutput(/Device token for kiosk-1 \(kiosk\): (\S+)/))?.[1] ?? '';
    urlB = await start('server B', redis.url);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await redis?.stop();
  });

  it('[AP3][AP8] 50 concurrent bookings of a 3-place slot: 3 booked, 47 slot-full; one ticket for two check-ins', async () => {
    const branch = await api<{ services: { id: string; perSlot: number; days: { day: string; open: boolean }[] }[] }>(
      urlA,
      'GET',
      `/api/v1/branches/${BRANCH}/appointments`,
    );
    expect(branch.status).toBe(200);
    const pension = branch.body.services.find((s) => s.id === SERVICE);
    expect(pension?.perSlot).toBe(3);
    // The branch's days from today (its local date, which is not the UTC one late in the evening).
    const today = pension?.days[0]?.day ?? '';
    const day = pension?.days.find((d) => d.open)?.day ?? '';
    const slots = await api<{ slot: string; free: number }[]>(
      urlB,
      'GET',
      `/api/v1/branches/${BRANCH}/appointments/${SERVICE}/slots?date=${day}`,
    );
    const slot = slots.body[0]?.slot ?? '';
    expect(slots.body[0]?.free).toBe(3);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api<{ code?: string; error?: { code: string } }>(
          i % 2 ? urlA : urlB,
          'POST',
          `/api/v1/branches/${BRANCH}/appointments`,
          {
            body: {
              serviceId: SERVICE,
              slot,
              mobile: `0912${String(1_000_000 + i)}`,
              nationalId: nationalId(String(100_000_000 + i * 7919)),
            },
          },
        ),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    const full = answers.filter((a) => a.status === 409);
    expect(ok).toHaveLength(3);
    expect(full).toHaveLength(47);
    for (const a of full) expect(a.body.error?.code).toBe('slot-full');
    expect(new Set(ok.map((a) => a.body.code)).size).toBe(3);

    // The slot's record in Redis holds the three bookings, and both processes say it is full.
    const store = openRedisStore(redis?.url ?? '');
    try {
      const rec = await store.getRecord<{ ids: string[] }>('appointment-slot', `${BRANCH}/${SERVICE}/${slot}`);
      expect(rec?.value.ids).toHaveLength(3);
    } finally {
      await store.close();
    }
    for (const url of [urlA, urlB]) {
      const again = await api<{ slot: string; free: number }[]>(
        url,
        'GET',
        `/api/v1/branches/${BRANCH}/appointments/${SERVICE}/slots?date=${day}`,
      );
      expect(again.body.find((s) => s.slot === slot)?.free ?? 0).toBe(0);
    }

    // [AP8] The same code checked in at both processes at once: one ticket, the same answer twice.
    const code = ok[0]?.body.code ?? '';
    const checkIn = (url: string) =>
      api<{ ticket?: { id: string; priority: string }; error?: { code: string } }>(
        url,
        'POST',
        `/api/v1/branches/${BRANCH}/appointments/check-in`,
        { body: { code }, token: kioskToken },
      );
    const [one, two] = await Promise.all([checkIn(urlA), checkIn(urlB)]);
    if (slot.slice(0, 10) === today) {
      // The first free slot of today starts within half an hour: inside AP7's window.
      expect(one.status).toBe(200);
      expect(two.status).toBe(200);
      expect(one.body.ticket?.priority).toBe('appointment');
      expect(two.body.ticket?.id).toBe(one.body.ticket?.id);
      const again = await checkIn(urlA);
      expect(again.body.ticket?.id).toBe(one.body.ticket?.id);
    } else {
      // After 23:30 the first free slot is tomorrow's (00:00): not today, for both.
      expect(one.body.error?.code).toMatch(/too-early|not-today/);
      expect(two.body.error?.code).toBe(one.body.error?.code);
    }
  }, 60_000);
});
