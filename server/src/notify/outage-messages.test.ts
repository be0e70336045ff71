// [SY13] The provincial office's SMS about a branch's link: the texts, one per alert, number and
// direction, nothing for other alerts or an office without numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Alert, ProvincialOffice } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { type TestNotifier, testNotifier } from '../testing/test-notifier.ts';
import { durationText, OutageNotices, outageMessages } from './outage-messages.ts';

const TEHRAN = 'Asia/Tehran';
// 1405-09-12 10:12 in Tehran (06:42 UTC).
const SINCE = '2026-12-03T06:42:00.000Z';
const BRANCH = { name: 'شعبهٔ ۱۴ تهران', timeZone: TEHRAN };

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: `b1|branch-offline:${SINCE}`,
  branchId: 'b1',
  rule: 'branch-offline',
  cause: `branch-offline:${SINCE}`,
  subject: {},
  since: SINCE,
  raisedAt: '2026-12-03T06:42:31.000Z',
  state: 'open',
  resolvedAt: null,
  acked: null,
  ...over,
});

describe('[SY13] the texts', () => {
  it('says since when a branch is cut off, in Persian digits and the branch’s own time', () => {
    const [m, ...rest] = outageMessages('alert:raised', alert(), BRANCH, ['09121111111']);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ kind: 'branch-offline', to: '09121111111', branchId: 'b1' });
    expect(m?.text).toBe(
      'نوبت: ارتباط شعبهٔ ۱۴ تهران با مرکز از ۱۴۰۵/۰۹/۱۲ ساعت ۱۰:۱۲ قطع است. نوبت‌دهی شعبه ادامه دارد.',
    );
  });

  it('says the link is back and how long the outage lasted', () => {
    const back = alert({ state: 'resolved', resolvedAt: '2026-12-03T07:54:40.000Z' });
    const [m] = outageMessages('alert:changed', back, BRANCH, ['09121111111']);
    expect(m).toMatchObject({ kind: 'branch-online' });
    expect(m?.text).toBe('نوبت: ارتباط شعبهٔ ۱۴ تهران با مرکز برقرار شد. مدت قطعی: ۱ ساعت و ۱۲ دقیقه.');
  });

  it('words durations from under a minute to days', () => {
    expect(durationText(59_000)).toBe('کمتر از یک دقیقه');
    expect(durationText(-5)).toBe('کمتر از یک دقیقه');
    expect(durationText(40 * 60_000)).toBe('۴۰ دقیقه');
    expect(durationText(2 * 3_600_000)).toBe('۲ ساعت');
    expect(durationText((26 * 60 + 3) * 60_000)).toBe('۱ روز و ۲ ساعت و ۳ دقیقه');
  });

  it('gives nothing for another rule, an acknowledgement, or an office without numbers', () => {
    expect(outageMessages('alert:raised', alert({ rule: 'device-offline' }), BRANCH, ['09121111111'])).toEqual([]);
    const acked = alert({ acked: { by: { id: 'u1', name: 'x' }, at: SINCE } });
    expect(outageMessages('alert:changed', acked, BRANCH, ['09121111111'])).toEqual([]);
    expect(outageMessages('alert:raised', alert(), BRANCH, [])).toEqual([]);
  });

  it('one message per number, each with its own key, different for down and back', () => {
    const to = ['09121111111', '09352222222'];
    const down = outageMessages('alert:raised', alert(), BRANCH, to);
    const up = outageMessages('alert:changed', alert({ state: 'resolved', resolvedAt: SINCE }), BRANCH, to);
    const keys = [...down, ...up].map((m) => m.key);
    expect(new Set(keys).size).toBe(4);
    expect(down.map((m) => m.to)).toEqual(to);
  });
});

describe('[SY13] the office’s numbers', () => {
  it('are valid mobiles, at most five, each once', () => {
    const base = { id: 'p1', organisationId: 'o1', name: { fa: 'اداره' } };
    expect(ProvincialOffice.parse(base).alertMobiles).toEqual([]);
    expect(ProvincialOffice.parse({ ...base, alertMobiles: ['۰۹۱۲۱۱۱۱۱۱۱'] }).alertMobiles).toEqual(['09121111111']);
    expect(ProvincialOffice.safeParse({ ...base, alertMobiles: ['12345'] }).success).toBe(false);
    expect(ProvincialOffice.safeParse({ ...base, alertMobiles: ['09121111111', '09121111111'] }).success).toBe(false);
    const six = Array.from({ length: 6 }, (_, i) => `0912111111${i}`);
    expect(ProvincialOffice.safeParse({ ...base, alertMobiles: six }).success).toBe(false);
  });
});

describe('[SY13] OutageNotices', () => {
  let dir: string;
  let store: Store;
  let notify: TestNotifier;
  let notices: OutageNotices;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-outage-'));
    store = openSqliteStore(join(dir, 'live.db'));
    notify = testNotifier();
    notices = new OutageNotices({
      store,
      notify,
      logger: createLogger('silent'),
      branchInfo: async (id) => (id === 'b1' ? { ...BRANCH, provincialOfficeId: 'p1' } : undefined),
    });
    await store.putRecord(
      'provincial-office',
      'p1',
      { id: 'p1', organisationId: 'o1', name: { fa: 'اداره' }, alertMobiles: ['09121111111', '09352222222'] },
      0,
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues one message per number when the alert is raised, and none again for the same alert', async () => {
    expect(await notices.handle('alert:raised', alert())).toBe(2);
    expect(await notices.handle('alert:raised', alert())).toBe(0);
    expect(notify.messages.map((m) => [m.kind, m.to])).toEqual([
      ['branch-offline', '09121111111'],
      ['branch-offline', '09352222222'],
    ]);
    expect(await notices.handle('alert:changed', alert({ state: 'resolved', resolvedAt: SINCE }))).toBe(2);
    expect(notify.messages.filter((m) => m.kind === 'branch-online')).toHaveLength(2);
  });

  it('catches up at start: open outages get their "down" message, ones resolved in the last day their "back" one, once', async () => {
    const open = alert({ id: 'b1|open', since: SINCE });
    const back = alert({ id: 'b1|back', state: 'resolved', resolvedAt: '2026-12-03T07:00:00.000Z' });
    const old = alert({ id: 'b1|old', state: 'resolved', resolvedAt: '2026-12-01T07:00:00.000Z' });
    const other = alert({ id: 'b1|device', rule: 'device-offline' });
    for (const a of [open, back, old, other]) await store.putRecord('alert', a.id, a, 0);
    const now = Date.parse('2026-12-03T08:00:00.000Z');
    expect(await notices.catchUp(now)).toBe(4);
    expect(notify.messages.map((m) => `${m.kind} ${m.key.split(':')[1]}`).sort()).toEqual([
      'branch-offline b1|open',
      'branch-offline b1|open',
      'branch-online b1|back',
      'branch-online b1|back',
    ]);
    expect(await notices.catchUp(now)).toBe(0);
  });

  it('queues nothing for an unknown branch or an office that is gone', async () => {
    expect(await notices.handle('alert:raised', alert({ branchId: 'elsewhere' }))).toBe(0);
    await store.deleteRecord('provincial-office', 'p1');
    expect(await notices.handle('alert:raised', alert())).toBe(0);
    expect(notify.messages).toEqual([]);
  });
});
