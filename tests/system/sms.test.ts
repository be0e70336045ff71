// [NT6][NT8][NT9] The whole server with NOBAT_SMS_GATEWAY=kavenegar pointed at a local fake of
// Kavenegar's REST API: a ticket taken over HTTP with a mobile number gets its taken message, the call
// gets its called message, each once and in Persian; the supervisor reads them in the outbox, masked.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxList } from '@nobat/protocol';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { type FakeKavenegar, startFakeKavenegar } from '../support/fake-kavenegar.ts';
import { api, apiOk, login } from '../support/socket.ts';

const PASSWORD = 'sms-test-password';
/** How far the server's clock runs ahead of the wall clock: to the next 10:00 in Tehran (UTC+3:30). */
const skew = skewToTehranMorning();
const dir = mkdtempSync(join(tmpdir(), 'nobat-sms-system-'));
let fake: FakeKavenegar;
let server: RunningServer;

beforeAll(async () => {
  fake = await startFakeKavenegar('TEST-KEY');
  server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dir,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      ...fake.env,
      PUBLIC_URL: 'https://nobat.example',
      LOG_LEVEL: 'silent',
    }),
    // The next 10:00 in Tehran (outside the night window), on the wall clock's side: the store
    // reclaims finished records by its own (wall) clock.
    { clock: () => Date.now() + skew },
  );
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('[NT6][NT8][NT9] taken and called messages reach the Kavenegar fake once each, visible to the supervisor', async () => {
  const ticket = await apiOk<{ id: string; number: string }>(
    server.url,
    'POST',
    `/api/v1/branches/${DEMO_BRANCH}/tickets`,
    { body: { serviceId: 'premium-list', mobile: '09121234567' }, status: 201 },
  );
  await vi.waitFor(() => expect(fake.received).toHaveLength(1), { timeout: 10_000 });
  const taken = fake.received[0];
  expect(taken?.receptor).toBe('09121234567');
  expect(taken?.message).toContain(`پیگیری نوبت: https://nobat.example/t/${ticket.id}`);
  expect(taken?.message).toContain('نفرات جلوی شما: ۰');

  expect(
    await server.queue.execute(DEMO_BRANCH, { type: 'open', counterId: 'counter-1', clerkId: 'clerk1' }),
  ).toMatchObject({
    ok: true,
  });
  const called = await server.queue.execute(DEMO_BRANCH, {
    type: 'callNext',
    counterId: 'counter-1',
    clerkId: 'clerk1',
  });
  expect(called).toMatchObject({ ok: true, ticket: { id: ticket.id } });
  await vi.waitFor(() => expect(fake.received).toHaveLength(2), { timeout: 10_000 });
  const digits = ticket.number.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);
  expect(fake.received[1]?.message).toBe(`نوبت ${digits}: لطفاً به باجهٔ ۱ مراجعه کنید.`);

  // The gateway answered; the outbox records it right after.
  await vi.waitFor(async () => expect((await server.outbox.get(`${ticket.id}:called`))?.state).toBe('sent'));
  const token = await login(server.url, 'supervisor', PASSWORD);
  const r = await api(server.url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/outbox?state=sent`, { token });
  expect(r.status).toBe(200);
  const list = OutboxList.parse(r.body);
  // The clock stands still here: both have one time, so the order between them is the keys'.
  expect(list.messages.map((m) => [m.kind, m.to, m.gateway]).sort()).toEqual([
    ['called', '0912***4567', 'kavenegar'],
    ['ticket-taken', '0912***4567', 'kavenegar'],
  ]);
  expect(JSON.stringify(r.body)).not.toContain('09121234567');
  // Nothing more is sent by another pass of the worker or another reading of the log.
  await server.ticketMessages.catchUp();
  await server.outbox.runOnce();
  expect(fake.received).toHaveLength(2);
});
