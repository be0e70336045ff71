// The booking service over a real SQLite store and the real queue service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchConfig } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoConfigInput } from '../demo.ts';
import { localToEpoch } from '../domain/appointments.ts';
import { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { type TestNotifier, testNotifier } from '../testing/test-notifier.ts';
import { AppointmentService } from './appointment-service.ts';

const at = (day: string, time: string) => localToEpoch(day, time, 'Asia/Tehran');
const NID = '0499370899';
const NID2 = '0084575948';

describe('appointment service (SQLite)', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let svc: AppointmentService;
  let queue: QueueService;
  let notify: TestNotifier;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-appt-'));
    store = openSqliteStore(join(dir, 'nobat.sqlite'));
    const input = demoConfigInput();
    input.branch.openingHours = [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '08:00', close: '14:00' }];
    input.branch.holidays = ['2026-12-08'];
    await store.putRecord('branch', DEMO_BRANCH, BranchConfig.parse(input), 0);
    now = at('2026-12-05', '07:00'); // a Saturday
    queue = new QueueService({ store, clock: () => now });
    notify = testNotifier();
    svc = new AppointmentService({ store, queue, clock: () => now, publicUrl: 'https://nobat.test', notify });
  });
  afterEach(async () => {
    await queue.drain();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const book = (slot: string, nationalId = NID) =>
    svc.book(DEMO_BRANCH, { serviceId: 'pension', slot, mobile: '09121234567', nationalId });

  it('[AP2][AP3] slots of a day with their free places; holidays and unbookable services refused', async () => {
    const slots = await svc.slots(DEMO_BRANCH, 'pension', '2026-12-05');
    expect(slots[0]).toEqual({ slot: '2026-12-05T08:00', time: '08:00', free: 3 });
    expect(slots.at(-1)?.time).toBe('13:30');
    await book('2026-12-05T08:00');
    expect((await svc.slots(DEMO_BRANCH, 'pension', '2026-12-05'))[0]?.free).toBe(2);
    expect(await svc.slots(DEMO_BRANCH, 'pension', '2026-12-08')).toEqual([]);
    await expect(book('2026-12-08T09:00')).rejects.toMatchObject({ code: 'slot-closed' });
    await expect(
      svc.book(DEMO_BRANCH, { serviceId: 'finance', slot: '2026-12-05T09:00', mobile: '09121234567', nationalId: NID }),
    ).rejects.toMatchObject({ code: 'not-bookable' });
    await expect(book('2026-12-05T09:00', '0499370898')).rejects.toMatchObject({ code: 'invalid-national-id' });
  });

  it('[AP3][AP6][AP9] a full slot and a second booking of the same ID and day are refused; the SMS has code and link', async () => {
    const { booking, token } = await book('2026-12-05T09:00');
    expect(booking.code).toMatch(/^\d{7}$/);
    await expect(book('2026-12-05T10:00')).rejects.toMatchObject({ code: 'already-booked' });
    await book('2026-12-05T09:00', NID2);
    await book('2026-12-05T09:00', '0013542419');
    await expect(book('2026-12-05T09:00', '0067749828')).rejects.toMatchObject({ code: 'slot-full' });
    expect(await svc.slotRecord(DEMO_BRANCH, 'pension', '2026-12-05T09:00')).toHaveLength(3);
    const sms = notify.messages.find((m) => m.key === `appt:${booking.id}:booked`);
    expect(sms).toMatchObject({ kind: 'appointment-booked', to: '09121234567', branchId: DEMO_BRANCH });
    expect(sms?.text).toContain(`https://nobat.test/a/${token}`);
    expect(sms?.text).toContain('۱۴۰۵/۰۹/۱۴'); // 2026-12-05
    expect(sms?.text).toContain([...booking.code].map((d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]).join(''));
  });

  it('[AP6] cancel frees the place and the day; move keeps the code; a wrong token is not found', async () => {
    const { booking, token } = await book('2026-12-05T09:00');
    await expect(svc.byToken(`${booking.id}.wrong`)).rejects.toMatchObject({ code: 'not-found' });
    const moved = await svc.move(token, '2026-12-06T10:30');
    expect(moved.code).toBe(booking.code);
    expect(await svc.slotRecord(DEMO_BRANCH, 'pension', '2026-12-05T09:00')).toEqual([]);
    expect(await svc.slotRecord(DEMO_BRANCH, 'pension', '2026-12-06T10:30')).toEqual([booking.id]);
    await book('2026-12-05T11:00'); // the old day is free again for this ID
    await svc.cancel(token);
    expect(await svc.slotRecord(DEMO_BRANCH, 'pension', '2026-12-06T10:30')).toEqual([]);
    expect((await svc.view((await svc.byToken(token)).booking)).state).toBe('cancelled');
    await expect(svc.cancel(token)).rejects.toMatchObject({ code: 'booking-cancelled' });
    await book('2026-12-06T10:30'); // and the new one
  });

  it('[AP7][AP8] check-in issues one appointment ticket; twice gives the same; late gives a normal ticket', async () => {
    const { booking } = await book('2026-12-05T09:00');
    const late = await book('2026-12-05T08:00', NID2);
    await expect(svc.checkIn(DEMO_BRANCH, { code: booking.code }, { kind: 'web' })).rejects.toMatchObject({
      code: 'too-early',
    });
    now = at('2026-12-05', '08:30');
    const first = await svc.checkIn(DEMO_BRANCH, { code: booking.code }, { kind: 'kiosk', kioskId: 'kiosk-1' });
    expect(first).toMatchObject({ late: false, ticket: { priority: 'appointment', serviceId: 'pension' } });
    const second = await svc.checkIn(DEMO_BRANCH, { nationalId: NID }, { kind: 'web' });
    expect(second.ticket.id).toBe(first.ticket.id);
    const day = await queue.view(DEMO_BRANCH);
    expect([...(day?.state.tickets.values() ?? [])]).toHaveLength(1);
    expect(day?.state.tickets.get(first.ticket.id)?.appointmentAt).toBe(at('2026-12-05', '09:00'));
    // 08:00 + 15 minutes of grace has passed: a normal ticket, the booking late.
    const l = await svc.checkIn(DEMO_BRANCH, { code: late.booking.code }, { kind: 'web' });
    expect(l).toMatchObject({ late: true, ticket: { priority: 'normal' } });
    const states = await svc.day(DEMO_BRANCH, 'pension', '2026-12-05');
    expect(states.map((s) => s.state).sort()).toEqual(['checked-in', 'checked-in']);
    await expect(svc.checkIn(DEMO_BRANCH, { code: '1234567' }, { kind: 'web' })).rejects.toMatchObject({
      code: expect.stringMatching(/invalid-code|booking-not-found/),
    });
  });

  it('[AP8] a booking never checked in is counted a no-show after its grace', async () => {
    await book('2026-12-05T09:00');
    now = at('2026-12-05', '09:16');
    expect((await svc.day(DEMO_BRANCH, 'pension', '2026-12-05')).map((s) => s.state)).toEqual(['no-show']);
  });
});
