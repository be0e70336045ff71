// [SY1]–[SY9] A branch that works offline (issue 18 point 5). The centre runs as a real process on its own
// redis-server and a fresh PostgreSQL database; the branch server as a real process on SQLite in a temp
// directory, linked to the centre through a TCP proxy this test owns. A busy stretch of the day is driven
// on the branch over HTTP (as fast as it answers); part-way through the link is cut (every socket
// destroyed, new ones refused): the centre shows the branch disconnected while the branch goes on issuing
// and calling; the link is restored, the centre catches up (waited for by seq, never by time), and once
// both have archived the day the centre's history equals the branch's, event for event, with nothing
// doubled and the outage logged with its duration.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlertPage,
  BranchConfig,
  type BranchLinkView,
  type BranchOutage,
  type CreatedBranchLink,
  type DeviceHealthList,
  SmsSettings,
  SURVEY_QUESTION_IDS,
  type SurveyForm,
} from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoConfigInput } from '../../server/src/demo.ts';
import { localDay } from '../../server/src/domain/local-time.ts';
import { openHistory } from '../../server/src/history/open.ts';
import type { HistoryStore } from '../../server/src/history/port.ts';
import { awayFromMidnight } from '../support/clock.ts';
import { DEMO_DEVICE_KEY, demoToken } from '../support/demo-server.ts';
import { type FakeKavenegar, startFakeKavenegar } from '../support/fake-kavenegar.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.ts';
import { until } from '../support/redis-process.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { api, apiOk, counterAction, issueTicket, login, openClient, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'offline-test-password';
const config = BranchConfig.parse(demoConfigInput());
const SERVICES = config.services.map((s) => s.id);
const COUNTERS = config.counters.map((c) => c.id);
const CLERKS = config.clerks.map((k) => k.id);
const kiosk = demoToken('kiosk-1');
/** Convergence and state changes are waited for by what they change; this only bounds a broken run. */
const WAIT_MS = 60_000;

/** A TCP proxy standing for the branch's link to the centre: cut() drops it, restore() brings it back. */
class Link {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #up = true;
  port = 0;

  constructor(targetPort: number) {
    this.#server = createServer((client) => {
      if (!this.#up) {
        client.destroy();
        return;
      }
      const upstream = netConnect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) =>
      this.#server.listen(0, '127.0.0.1', () => {
        const a = this.#server.address();
        this.port = typeof a === 'object' && a ? a.port : 0;
        resolve();
      }),
    );
  }

  cut(): void {
    this.#up = false;
    for (const s of this.#sockets) s.destroy();
  }

  restore(): void {
    this.#up = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

const pgUp = requireOrSkip('PostgreSQL on 127.0.0.1:5432', await postgresAvailable());
const redisUp = requireOrSkip('redis-server', redisAvailable());

describe.skipIf(!pgUp || !redisUp)('a branch that works offline', () => {
  let redis: RedisServer | undefined;
  let db: TestDatabase | undefined;
  let centre: ServerProcess | undefined;
  let branch: ServerProcess | undefined;
  let link: Link | undefined;
  const histories: HistoryStore[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'nobat-offline-branch-'));
  let centreUrl = '';
  let branchUrl = '';
  let centreAdmin = '';
  let branchAdmin = '';
  let display: RecordingClient | undefined;
  /** The centre's SMS gateway: the provincial office's numbers are texted through it (SY13). */
  let sms: FakeKavenegar | undefined;
  const OFFICE_MOBILE = '09121110000';

  beforeAll(async () => {
    // The checks follow the branch's local day, as both servers run on the wall clock.
    await awayFromMidnight(config.branch.timeZone);
    sms = await startFakeKavenegar();
    redis = await startRedisServer();
    db = await createTestDatabase('offline');
    const common = {
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
      NOBAT_ARCHIVE_INTERVAL_MS: '300',
      NOBAT_KIOSK_RATE: '100000',
      LOG_LEVEL: 'info',
    };
    centre = startServerProcess('centre', { ...common, ...sms.env, REDIS_URL: redis.url, DATABASE_URL: db.url });
    centreUrl = (await centre.url(60_000)).replace('//localhost:', '//127.0.0.1:');
    centreAdmin = await login(centreUrl, 'admin', PASSWORD);
    const made = await apiOk<CreatedBranchLink>(centreUrl, 'POST', '/api/v1/admin/branch-links', {
      token: centreAdmin,
      body: { branchId: DEMO_BRANCH },
      status: 201,
    });
    link = new Link(Number(new URL(centreUrl).port));
    await link.listen();
    branch = startServerProcess('branch', {
      ...common,
      NOBAT_DATA_DIR: dir,
      NOBAT_CENTRAL_URL: `http://127.0.0.1:${link.port}`,
      NOBAT_CENTRAL_TOKEN: made.token,
    });
    branchUrl = (await branch.url(60_000)).replace('//localhost:', '//127.0.0.1:');
    branchAdmin = await login(branchUrl, 'admin', PASSWORD);
  }, 480_000); // up to 5 minutes away from midnight, then two servers started

  afterAll(async () => {
    display?.close();
    await Promise.all([branch?.stop(), centre?.stop()]);
    await link?.close();
    for (const h of histories) await h.close();
    await redis?.stop();
    await db?.drop();
    await sms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const linkView = () =>
    apiOk<BranchLinkView>(centreUrl, 'GET', `/api/v1/sync/links/${DEMO_BRANCH}`, { token: centreAdmin });
  const branchStatus = () =>
    apiOk<{ connected: boolean; days: Record<string, { seq: number; sent: number }> }>(
      branchUrl,
      'GET',
      '/api/v1/sync/status',
      { token: branchAdmin },
    );
  const today = () => localDay(Date.now(), config.branch.timeZone);
  /** The centre holds the branch's day up to the branch's last event. */
  const converged = async () => {
    const [mine, theirs] = await Promise.all([branchStatus(), linkView()]);
    const seq = mine.days[today()]?.seq ?? 0;
    return seq > 0 && theirs.days[today()]?.seq === seq;
  };

  let issued = 0;
  const clerkTokens: string[] = [];
  /** `tickets` visitors arrive in rounds; after each round every counter calls, starts and finishes one. */
  async function busy(tickets: number): Promise<void> {
    for (let done = 0; done < tickets; ) {
      const round = Math.min(12, tickets - done);
      await Promise.all(
        Array.from({ length: round }, (_, i) =>
          issueTicket(branchUrl, kiosk, SERVICES[(done + i) % SERVICES.length] as string),
        ),
      );
      done += round;
      issued += round;
      await Promise.all(COUNTERS.map((c, i) => serveOne(clerkTokens[i] as string, c)));
    }
  }
  const finished: string[] = [];
  let surveyed = '';
  async function serveOne(token: string, counter: string): Promise<boolean> {
    const called = await counterAction<{ ticket: { id: string } | null }>(branchUrl, token, counter, 'call-next');
    if (!called.ticket) return false;
    await counterAction(branchUrl, token, counter, 'start');
    await counterAction(branchUrl, token, counter, 'finish');
    finished.push(called.ticket.id);
    return true;
  }
  /** What the centre's gateway sent the provincial office's number. */
  const officeTexts = () => (sms?.received ?? []).filter((m) => m.receptor === OFFICE_MOBILE).map((m) => m.message);
  const alertsAtCentre = async (state: 'open' | 'all') =>
    (
      await apiOk<AlertPage>(centreUrl, 'GET', `/api/v1/branches/${DEMO_BRANCH}/alerts?state=${state}`, {
        token: centreAdmin,
      })
    ).alerts.filter((a) => a.rule === 'branch-offline');

  it('[SY1][SY6] the branch server connects with its link token, and the centre shows it connected', async () => {
    await until(async () => (await linkView()).connected, WAIT_MS, 'the centre to see the branch connected');
    expect((await branchStatus()).connected).toBe(true);
  });

  it('[SY8] configuration changed at the centre flows down to the branch server', async () => {
    const saved = await apiOk<{ version: number; config: BranchConfig }>(
      centreUrl,
      'GET',
      `/api/v1/admin/branches/${DEMO_BRANCH}`,
      { token: centreAdmin },
    );
    const changed = structuredClone(saved.config);
    changed.branch.name = { ...changed.branch.name, fa: `${changed.branch.name.fa} (شعبهٔ برون‌خط)` };
    // [SY10] The centre's alert for a branch offline comes at once.
    changed.branch.settings.alerts = {
      queueLongerThan: 1000,
      pausedLongerThanMinutes: 480,
      idleGraceSeconds: 3600,
      offlineGraceSeconds: 0,
    };
    // [SY13] No night window: the office's messages go whenever the suite runs.
    changed.branch.settings.sms = SmsSettings.parse({
      ...changed.branch.settings.sms,
      nightFrom: '00:00',
      nightUntil: '00:00',
    });
    await apiOk(centreUrl, 'PUT', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token: centreAdmin,
      body: { version: saved.version, config: changed },
    });
    await until(
      async () => {
        const here = await apiOk<{ config: BranchConfig }>(branchUrl, 'GET', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
          token: branchAdmin,
        });
        return (
          here.config.branch.name.fa === changed.branch.name.fa &&
          here.config.branch.settings.alerts?.offlineGraceSeconds === 0
        );
      },
      WAIT_MS,
      'the branch server to apply the configuration',
    );
  });

  it("[SY13] an admin gives the provincial office a number to text about its branches' links", async () => {
    const officeId = config.branch.provincialOfficeId;
    const offices = await apiOk<{ version: number; value: { id: string } }[]>(
      centreUrl,
      'GET',
      '/api/v1/admin/provincial-offices',
      { token: centreAdmin },
    );
    const office = offices.find((o) => o.value.id === officeId);
    if (!office) throw new Error(`no office ${officeId} at the centre`);
    const put = (alertMobiles: string[]) =>
      api(centreUrl, 'PUT', `/api/v1/admin/provincial-offices/${officeId}`, {
        token: centreAdmin,
        body: { version: office.version, value: { ...office.value, alertMobiles } },
      });
    expect((await put(['0912'])).status).toBe(400);
    expect((await put([OFFICE_MOBILE])).status).toBe(200);
  });

  it("[SY11] the branch's devices' status goes up", async () => {
    display = openClient(branchUrl, '/display', { auth: { branchId: DEMO_BRANCH, token: demoToken('display-1') } });
    await display.waitFor('snapshot', () => true, { timeoutMs: WAIT_MS });
    await until(
      async () => {
        const list = await apiOk<DeviceHealthList>(centreUrl, 'GET', `/api/v1/branches/${DEMO_BRANCH}/device-health`, {
          token: centreAdmin,
        });
        return list.devices.some((d) => d.deviceId === 'display-1' && d.status === 'online');
      },
      WAIT_MS,
      "the centre to show the branch's display online",
    );
  });

  it('[SY3] the morning goes up as it happens; [SY2] the centre mirrors the branch and refuses to run its queue', async () => {
    for (const [i, clerk] of CLERKS.entries()) {
      const token = await login(branchUrl, clerk, PASSWORD);
      clerkTokens.push(token);
      await counterAction(branchUrl, token, COUNTERS[i] as string, 'open');
    }
    await busy(96);
    await until(converged, WAIT_MS, 'the centre to hold the morning');
    // The centre's own kiosk and clerk cannot fork the branch's log.
    const refused = await api<{ error: { code: string } }>(
      centreUrl,
      'POST',
      `/api/v1/branches/${DEMO_BRANCH}/tickets`,
      {
        token: kiosk,
        body: { serviceId: SERVICES[0] },
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('branch-synced');
    const centreClerk = await login(centreUrl, CLERKS[0] as string, PASSWORD);
    const call = await api<{ error: { code: string } }>(
      centreUrl,
      'POST',
      `/api/v1/counters/${COUNTERS[0]}/call-next`,
      {
        token: centreClerk,
        body: {},
      },
    );
    expect(call.status).toBe(409);
    expect(call.body.error.code).toBe('branch-synced');
    // Read-only views at the centre are the branch's, from the mirror.
    const [here, there] = await Promise.all([
      apiOk(branchUrl, 'GET', `/api/v1/branches/${DEMO_BRANCH}/counters`),
      apiOk(centreUrl, 'GET', `/api/v1/branches/${DEMO_BRANCH}/counters`),
    ]);
    expect(there).toEqual(here);
  });

  it('[SY6][SY7] with the link cut the centre shows the branch disconnected, and the branch goes on issuing and calling', async () => {
    const before = (await linkView()).days[today()]?.seq ?? 0;
    link?.cut();
    await until(async () => !(await linkView()).connected, WAIT_MS, 'the centre to see the branch disconnected');
    const open = await apiOk<BranchOutage[]>(centreUrl, 'GET', `/api/v1/sync/outages?branchId=${DEMO_BRANCH}`, {
      token: centreAdmin,
    });
    expect(open).toEqual([expect.objectContaining({ branchId: DEMO_BRANCH, to: null, durationMs: null })]);
    // [SY10] The branch's supervisors at the centre (the provincial office) are alerted.
    await until(async () => (await alertsAtCentre('open')).length === 1, WAIT_MS, 'the branch-offline alert');
    // [SY13] and the provincial office's number is texted.
    await until(async () => officeTexts().length === 1, WAIT_MS, "the provincial office's SMS");
    expect(officeTexts()[0]).toMatch(
      /^نوبت: ارتباط .+ با مرکز از [۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2} ساعت [۰-۹]{2}:[۰-۹]{2} قطع است/,
    );

    const issuedBefore = issued;
    const calls = display?.mark() ?? 0;
    const servedBefore = finished.length;
    await busy(240);
    expect(issued - issuedBefore).toBe(240);
    // The hall screen goes on showing every call.
    const called = finished.length - servedBefore;
    expect(called).toBeGreaterThan(100);
    await until(
      async () => (display?.all('ticket:called', calls).length ?? 0) >= called,
      WAIT_MS,
      'the hall display to show the calls',
    );
    // A visitor answers the survey meanwhile (SY12 takes it up later).
    surveyed = finished.at(-1) ?? '';
    await apiOk(branchUrl, 'POST', `/api/v1/tickets/${encodeURIComponent(surveyed)}/survey`, {
      body: { answers: Object.fromEntries(SURVEY_QUESTION_IDS.map((q) => [q, 4])) },
      status: 201,
    });
    const mine = await branchStatus();
    expect(mine.connected).toBe(false);
    // Nothing went up meanwhile: the centre still holds what it had before the cut.
    expect((await linkView()).days[today()]?.seq).toBe(before);
    expect(mine.days[today()]?.seq).toBeGreaterThan(before);
  });

  it('[SY3][SY4] once the link is back the centre converges, and the afternoon goes up as it happens', async () => {
    link?.restore();
    await until(async () => (await linkView()).connected, WAIT_MS, 'the centre to see the branch back');
    await until(converged, WAIT_MS, 'the centre to catch up with the outage');
    await busy(96);
    // Everyone still waiting is served.
    for (;;) {
      const served = await Promise.all(COUNTERS.map((c, i) => serveOne(clerkTokens[i] as string, c)));
      if (!served.some(Boolean)) break;
    }
    await until(converged, WAIT_MS, 'the centre to hold the afternoon');
  });

  it('[SY10][SY12] once back, the alert is resolved and the survey answered offline is at the centre', async () => {
    await until(async () => (await alertsAtCentre('open')).length === 0, WAIT_MS, 'the alert to be resolved');
    expect((await alertsAtCentre('all')).map((a) => a.state)).toEqual(['resolved']);
    // [SY13] The office is told the link is back and how long it was down; once each, nothing doubled.
    await until(async () => officeTexts().length === 2, WAIT_MS, "the provincial office's second SMS");
    expect(officeTexts()[1]).toMatch(/^نوبت: ارتباط .+ با مرکز برقرار شد\. مدت قطعی: .*(دقیقه|ساعت)\.$/);
    await until(
      async () =>
        (await apiOk<SurveyForm>(centreUrl, 'GET', `/api/v1/tickets/${encodeURIComponent(surveyed)}/survey`)).answered,
      WAIT_MS,
      'the survey answer at the centre',
    );
  });

  it('[SY7] the outage is logged once, with its duration', async () => {
    const outages = await apiOk<BranchOutage[]>(centreUrl, 'GET', `/api/v1/sync/outages?branchId=${DEMO_BRANCH}`, {
      token: centreAdmin,
    });
    expect(outages).toHaveLength(1);
    const [o] = outages as [BranchOutage];
    expect(o.to).not.toBeNull();
    expect(o.durationMs).toBe(Date.parse(o.to as string) - Date.parse(o.from));
    expect(o.durationMs).toBeGreaterThan(0);
  });

  it("[H3][SY9] the centre's history of the day equals the branch's, event for event, nothing doubled", async () => {
    const branchHistory = openHistory({ NOBAT_DATA_DIR: dir });
    const centreHistory = openHistory({ DATABASE_URL: db?.url as string });
    histories.push(branchHistory, centreHistory);
    const day = today();
    const seq = (await branchStatus()).days[day]?.seq ?? 0;
    // Both servers archive today's finished visits as they go: wait until both have the whole log.
    await until(
      async () =>
        (await branchHistory.archived(DEMO_BRANCH, day))?.seq === seq &&
        (await centreHistory.archived(DEMO_BRANCH, day))?.seq === seq,
      WAIT_MS,
      'both histories to hold the day',
    );
    const theirs = await centreHistory.readEvents(DEMO_BRANCH, day, 0);
    const mine = await branchHistory.readEvents(DEMO_BRANCH, day, 0);
    expect(mine).toHaveLength(seq);
    expect(theirs).toEqual(mine);
    expect(theirs.map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    const issuedEvents = theirs.filter((e) => e.event.type === 'TicketIssued');
    expect(issuedEvents).toHaveLength(issued);
    expect(new Set(issuedEvents.map((e) => (e.event.type === 'TicketIssued' ? e.event.ticketId : ''))).size).toBe(
      issued,
    );
    const finished = theirs.filter((e) => e.event.type === 'ServiceFinished');
    expect(finished).toHaveLength(issued);
  });
});
