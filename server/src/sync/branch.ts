// A branch server's side of upward sync (server/SPEC.md SY3, SY8, SY9): one Socket.IO connection to the
// centre's `/sync`, kept up by its own reconnection; while it is up, every day of the branch's log is
// pushed from the cursor the centre last acknowledged, in order, in batches; the branch's configuration
// is pulled down. Nothing the branch does waits for it: commands go to the local store as always, and
// this follows the log.
import {
  BranchConfig,
  type DeviceHealth,
  PROTOCOL_VERSION,
  SYNC_BATCH_MAX,
  SYNC_NAMESPACE,
  type SyncAnswer,
  SyncConfigAnswer,
  type SyncEventsAck,
  type SyncEventsBody,
  SyncRefusal,
} from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';
import { localDay } from '../domain/local-time.ts';
import type { SurveyRecord } from '../domain/survey.ts';
import { canonical, syncedWhole } from '../domain/sync.ts';
import { PAST_DAY_GRACE_MS } from '../history/archiver.ts';
import type { Logger } from '../log.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';
import { branchOfToken } from './centre.ts';

export interface SyncCursor {
  /** The centre holds the day up to here. */
  seq: number;
  /** The centre has the day closed (SY9): the branch may drop it once archived. */
  final: boolean;
}

/** [SY12] Answers pushed: up to `at` (answeredAt), and those of the last moments before it by ticket. */
interface SurveyCursor {
  at: string;
  /** [ticketId, answeredAt] of the answers sent within SURVEY_LOOKBACK_MS before `at`. */
  recent: [string, string][];
}

/** Answers saved this long before the newest one pushed are looked at again (saves racing each other). */
const SURVEY_LOOKBACK_MS = 60_000;

interface ConfigCursor {
  /** The centre's version of the branch record last applied here. */
  version: number;
}

export interface BranchSyncOptions {
  store: Store;
  queue: QueueService;
  clock: () => number;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  centralUrl: string;
  token: string;
  /** How often the log and configuration are looked at with no local event (ms). */
  intervalMs?: number;
  /** How long an acknowledgement may take before the batch counts as lost (ms). */
  ackTimeoutMs?: number;
  /** After the centre cut the link, how long before asking again (ms; default 5,000). */
  retryAfterCutMs?: number;
}

export class BranchSync {
  readonly branchId: string;
  readonly #o: BranchSyncOptions;
  readonly #socket: Socket;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  /** [SY11] What was last sent of the devices' health on this connection (sent again after a reconnect). */
  #devicesSent: string | undefined;
  /** Whether the centre's refusal of the token has been logged since the link was last up. */
  #refusedSaid = false;
  readonly #unsubscribe: () => void;

  constructor(options: BranchSyncOptions) {
    const branchId = branchOfToken(options.token);
    if (!branchId) throw new Error('NOBAT_CENTRAL_TOKEN is not a branch link token (<branchId>.<secret>)');
    this.branchId = branchId;
    this.#o = options;
    this.#socket = io(`${options.centralUrl.replace(/\/+$/, '')}${SYNC_NAMESPACE}`, {
      auth: { token: options.token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 5_000,
      autoConnect: false,
    });
    this.#socket.on('connect', () => {
      this.#refusedSaid = false;
      options.logger.info({ central: options.centralUrl }, 'sync: link to the centre up');
      this.#devicesSent = undefined;
      this.poke();
    });
    this.#socket.on('disconnect', (reason) => {
      options.logger.warn({ reason }, 'sync: link to the centre down');
      // [SY1] The centre cut the link (it was unlinked, or the link was replaced): asked again later, so
      // a link cut by mistake comes back, and a revoked token says so below. Socket.IO itself does not.
      if (reason === 'io server disconnect' && !this.#stopped) {
        setTimeout(() => {
          if (!this.#stopped) this.#socket.connect();
        }, options.retryAfterCutMs ?? 5_000).unref();
      }
    });
    this.#socket.on('connect_error', (err) => {
      // [UP6] A centre that no longer serves this branch server's protocol says so: it must be upgraded
      // (it goes on working on its own store meanwhile, and keeps trying, as for any outage).
      if (err.message === 'protocol-outdated') {
        options.logger.error(
          { protocol: PROTOCOL_VERSION, centre: (err as { data?: unknown }).data },
          `sync: this branch server speaks protocol ${PROTOCOL_VERSION}, the centre needs a newer one: upgrade the branch server`,
        );
      } else if (err.message === 'unauthenticated' && !this.#refusedSaid) {
        // Said once until the link is up again: the branch goes on working on its own store meanwhile.
        this.#refusedSaid = true;
        options.logger.error(
          { branchId: this.branchId },
          'sync: the centre refuses NOBAT_CENTRAL_TOKEN (the branch was unlinked there, or the token is wrong): ask the centre admin for a new link token',
        );
      } else options.logger.debug({ err: err.message }, 'sync: centre not reached');
    });
    // [SY3] Every local append is pushed as soon as the link allows.
    this.#unsubscribe = options.queue.onEvents((b) => {
      if (b === this.branchId) this.poke();
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  start(): void {
    this.#socket.connect();
    this.#timer = setInterval(() => this.poke(), this.#o.intervalMs ?? 2_000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    if (this.#timer) clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
    this.#socket.disconnect();
  }

  /** Resolves when no push is under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** Asks for a pass: one runs at a time, and one more follows if asked meanwhile. */
  poke(): void {
    if (this.#stopped || !this.#socket.connected) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((err: unknown) => this.#o.logger.warn({ err }, 'sync: pass failed, tried again'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.poke();
        }
      });
  }

  /** [SY9] Whether the archiver may drop a past day: the centre holds it whole and closed. */
  async mayDrop(branchId: string, day: string, seq: number): Promise<boolean> {
    if (branchId !== this.branchId) return true;
    return syncedWhole((await this.#o.store.getRecord<SyncCursor>('sync-cursor', day))?.value, seq);
  }

  /** Per day of the live log: its seq here, and how far the centre has acknowledged it. */
  async status(): Promise<Record<string, { seq: number; sent: number; final: boolean }>> {
    const { store } = this.#o;
    const out: Record<string, { seq: number; sent: number; final: boolean }> = {};
    for (const day of await store.listDays(this.branchId)) {
      const cursor = (await store.getRecord<SyncCursor>('sync-cursor', day))?.value;
      const seq = (await store.readEvents(this.branchId, day, cursor?.seq ?? 0)).at(-1)?.seq ?? cursor?.seq ?? 0;
      out[day] = { seq, sent: cursor?.seq ?? 0, final: cursor?.final ?? false };
    }
    return out;
  }

  async #pass(): Promise<void> {
    await this.#pullConfig();
    const { store } = this.#o;
    for (const day of await store.listDays(this.branchId)) {
      while (!this.#stopped && this.#socket.connected) {
        if (!(await this.#pushDay(day))) break;
      }
    }
    await this.#pushDevices();
    while (!this.#stopped && this.#socket.connected) {
      if (!(await this.#pushSurveys())) break;
    }
  }

  /** [SY11] The branch's devices' health, whole, when it changed since last sent on this connection. */
  async #pushDevices(): Promise<void> {
    const devices = (await this.#o.store.listRecords<DeviceHealth>('device-health'))
      .map((r) => r.value)
      .filter((d) => d.branchId === this.branchId);
    const key = canonical(devices);
    if (key === this.#devicesSent) return;
    const answer = await this.#emit<{ devices: number }>('sync:devices', { devices });
    if (answer && 'data' in answer) this.#devicesSent = key;
  }

  /** [SY12] Survey answers not yet sent, oldest first, a batch at a time; true when there may be more. */
  async #pushSurveys(): Promise<boolean> {
    const { store } = this.#o;
    const record = await store.getRecord<SurveyCursor>('sync-cursor', 'surveys');
    const cursor = record?.value ?? { at: '', recent: [] };
    const floor = cursor.at ? new Date(Date.parse(cursor.at) - SURVEY_LOOKBACK_MS).toISOString() : '';
    const recent = new Set(cursor.recent.map(([id]) => id));
    const unsent = (await store.listRecords<SurveyRecord>('survey'))
      .map((r) => r.value)
      .filter((v) => v.branchId === this.branchId && v.answeredAt >= floor && !recent.has(v.ticketId))
      .sort((a, b) => (a.answeredAt < b.answeredAt ? -1 : a.answeredAt > b.answeredAt ? 1 : 0));
    if (unsent.length === 0) return false;
    const batch = unsent.slice(0, SYNC_BATCH_MAX);
    const answer = await this.#emit<{ surveys: number }>('sync:surveys', { surveys: batch });
    if (!answer || !('data' in answer)) return false;
    const at = [cursor.at, ...batch.map((v) => v.answeredAt)].reduce((a, b) => (a > b ? a : b));
    const keepFrom = new Date(Date.parse(at) - SURVEY_LOOKBACK_MS).toISOString();
    const sent: [string, string][] = [
      ...cursor.recent,
      ...batch.map((v): [string, string] => [v.ticketId, v.answeredAt]),
    ];
    const kept = sent.filter(([, answeredAt]) => answeredAt >= keepFrom);
    await store.putRecord<SurveyCursor>('sync-cursor', 'surveys', { at, recent: kept }, record?.version ?? 0);
    return unsent.length > batch.length;
  }

  /** Pushes one batch of `day`; true when there may be more to push now. */
  async #pushDay(day: string): Promise<boolean> {
    const { store } = this.#o;
    const record = await store.getRecord<SyncCursor>('sync-cursor', day);
    const cursor = record?.value ?? { seq: 0, final: false };
    if (cursor.final) return false;
    const unsent = await store.readEvents(this.branchId, day, cursor.seq);
    const events = unsent.slice(0, SYNC_BATCH_MAX);
    const past = await this.#isPast(day);
    // Nothing new: only a past day's end is still to be told.
    if (events.length === 0 && !past) return false;
    const body: SyncEventsBody = {
      day,
      afterSeq: cursor.seq,
      events: events as unknown as SyncEventsBody['events'],
      final: past && events.length === unsent.length,
    };
    const answer = await this.#emit<SyncEventsAck>('sync:events', body);
    if (!answer) return false;
    let next: SyncCursor;
    if ('data' in answer) next = answer.data;
    else if (answer.error.code === SyncRefusal.gap && answer.error.seq !== undefined) {
      // [SY4] The centre holds less than the cursor says (its store was restored): resend from there.
      next = { seq: answer.error.seq, final: false };
    } else {
      this.#o.logger.error({ day, error: answer.error }, 'sync: the centre refused a batch');
      return false;
    }
    await this.#putCursor(day, next);
    return !next.final && (events.length > 0 || next.seq !== cursor.seq);
  }

  async #isPast(day: string): Promise<boolean> {
    const ix = await this.#o.queue.config(this.branchId);
    if (!ix) return false;
    const tz = ix.config.branch.timeZone;
    const now = this.#o.clock();
    return day < localDay(now, tz) && day < localDay(now - PAST_DAY_GRACE_MS, tz);
  }

  async #putCursor(day: string, value: SyncCursor): Promise<void> {
    const { store } = this.#o;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await store.getRecord<SyncCursor>('sync-cursor', day);
      if ((await store.putRecord('sync-cursor', day, value, current?.version ?? 0)).ok) return;
    }
  }

  /** [SY8] The branch's configuration as the centre has it, applied here when its version moved. */
  async #pullConfig(): Promise<void> {
    const { store, queue, logger } = this.#o;
    const answer = await this.#emit<SyncConfigAnswer | null>('sync:config', {});
    if (!answer || !('data' in answer) || answer.data === null) return;
    const got = SyncConfigAnswer.safeParse(answer.data);
    if (!got.success) return;
    const applied = await store.getRecord<ConfigCursor>('sync-cursor', 'config');
    if (applied?.value.version === got.data.version) return;
    const config = BranchConfig.safeParse(got.data.value);
    if (!config.success || config.data.branch.id !== this.branchId) {
      logger.error({ issues: config.error?.issues }, 'sync: the centre sent a configuration that is not this branch');
      return;
    }
    const local = await store.getRecord('branch', this.branchId);
    const put = await store.putRecord('branch', this.branchId, got.data.value, local?.version ?? 0);
    if (!put.ok) return; // changed here meanwhile: tried again next pass
    queue.invalidateConfig(this.branchId);
    await store.putRecord('sync-cursor', 'config', { version: got.data.version }, applied?.version ?? 0);
    logger.info({ version: got.data.version }, 'sync: configuration from the centre applied');
  }

  /** Emits with an acknowledgement; undefined when the link dropped or the answer did not come in time. */
  async #emit<T>(event: string, body: unknown): Promise<SyncAnswer<T> | undefined> {
    try {
      return (await this.#socket.timeout(this.#o.ackTimeoutMs ?? 15_000).emitWithAck(event, body)) as SyncAnswer<T>;
    } catch {
      return undefined;
    }
  }
}
