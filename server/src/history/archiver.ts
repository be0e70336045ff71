// The archiver: moves finished branch-days from the live store into the history store (H3–H6). A pass
// goes over every branch and every day the live store still has: a day before the branch's local today
// is archived whole (final), read back, and only once the archive is confirmed (final, and the seq of
// the live log's last event) dropped from the live store; today's finished visits are archived as they
// finish and today's log is never dropped. Crash-safe by construction: each day's write is one
// transaction, idempotent, and the drop comes only after the confirmation — a pass killed anywhere
// leaves each day either still live, or archived and still live, or archived and dropped.
import type { BranchConfig } from '@nobat/protocol';
import { dayRows } from '../domain/archive.ts';
import { localDay } from '../domain/local-time.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/port.ts';
import type { HistoryStore } from './port.ts';

/**
 * A day counts as past this long after its local midnight: a command decided just before midnight
 * still appends to it in that time (and a drop is conditional on the log's version besides).
 */
export const PAST_DAY_GRACE_MS = 5 * 60_000;

export interface ArchiverOptions {
  store: Store;
  history: HistoryStore;
  clock: () => number;
  /** The branch's configuration (its time zone, its sub-services' target waits). */
  configOf: (branchId: string) => Promise<BranchConfig | undefined>;
  /** The branches to archive (default: every branch record in the store). */
  branches?: () => Promise<string[]>;
  logger: Pick<Logger, 'debug' | 'warn' | 'error'>;
  /** Between passes (ms). */
  intervalMs: number;
  /**
   * [SY9] On a branch server: whether a past day may leave the live store (the centre holds it whole).
   * Not yet: it is archived and kept, and asked about again next pass.
   */
  mayDrop?: (branchId: string, day: string, seq: number) => Promise<boolean>;
  /**
   * [SY9] On the centre: whether a synced branch's past day may be archived as final (its branch server
   * closed it). Not yet: what it holds so far is archived as a day under way, like today.
   */
  mayFinalise?: (branchId: string, day: string, seq: number) => Promise<boolean>;
  /** Told of each day written (tests and the kill test's child follow the progress with it). */
  onArchived?: (e: { branchId: string; day: string; final: boolean; dropped: boolean }) => void;
}

export interface PassResult {
  /** Past days archived (or found archived) and confirmed. */
  archived: number;
  /** Past days dropped from the live store. */
  dropped: number;
  /** Today's archives written. */
  today: number;
  /** Branch-days that failed (logged; tried again next pass). */
  failed: number;
}

export class Archiver {
  readonly #o: ArchiverOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<PassResult> | undefined;
  #stopped = true;
  /** Set by stop(): the pass under way ends after the day it is on (a first pass over a year is long). */
  #halt = false;

  constructor(options: ArchiverOptions) {
    this.#o = options;
  }

  /** Passes every intervalMs until stop(); the first one at once. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = () => {
      this.#timer = undefined;
      void this.runOnce()
        .catch((err: unknown) => this.#o.logger.error({ err }, 'archive pass failed'))
        .finally(() => {
          if (!this.#stopped) {
            this.#timer = setTimeout(tick, this.#o.intervalMs);
            this.#timer.unref();
          }
        });
    };
    this.#timer = setTimeout(tick, 0);
    this.#timer.unref();
  }

  /** No further pass; resolves once the pass under way (if any) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#halt = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One pass; a pass already under way is joined, never run twice at once. */
  runOnce(): Promise<PassResult> {
    if (!this.#running) this.#halt = false;
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<PassResult> {
    const { store } = this.#o;
    const result: PassResult = { archived: 0, dropped: 0, today: 0, failed: 0 };
    const branches = this.#o.branches ? await this.#o.branches() : (await store.listRecords('branch')).map((r) => r.id);
    for (const branchId of branches) {
      if (this.#halt) break;
      let config: BranchConfig | undefined;
      let days: string[];
      try {
        config = await this.#o.configOf(branchId);
        if (!config) continue;
        days = await store.listDays(branchId);
      } catch (err) {
        this.#o.logger.warn({ err, branchId }, 'archive: branch not read, tried again next pass');
        result.failed++;
        continue;
      }
      const now = this.#o.clock();
      const tz = config.branch.timeZone;
      const today = localDay(now, tz);
      const lastPast = localDay(now - PAST_DAY_GRACE_MS, tz);
      for (const day of days) {
        if (this.#halt) break;
        try {
          if (day < lastPast && day < today) {
            if (!(await this.#finalOk(branchId, day))) {
              if (await this.#archiveToday(config, branchId, day)) result.today++;
              continue;
            }
            const dropped = await this.#archivePast(config, branchId, day);
            result.archived++;
            if (dropped) result.dropped++;
          } else if (day === today) {
            if (await this.#archiveToday(config, branchId, day)) result.today++;
          }
        } catch (err) {
          this.#o.logger.warn({ err, branchId, day }, 'archive: day not archived, tried again next pass');
          result.failed++;
        }
      }
    }
    return result;
  }

  /** [H5][H6] Archives a past day whole, confirms it, then drops it from the live store. */
  async #archivePast(config: BranchConfig, branchId: string, day: string): Promise<boolean> {
    const { store, history } = this.#o;
    const events = await store.readEvents(branchId, day, 0);
    const seq = events.at(-1)?.seq ?? 0;
    if (seq === 0) return false;
    const before = await history.archived(branchId, day);
    // Archived whole by an earlier pass that did not get to drop it: no need to write it again.
    if (!(before?.final && before.seq === seq)) {
      const rows = dayRows(
        config,
        events.map((e) => e.event),
        { branchId, day, final: true },
      );
      await history.archiveDay({ branchId, day, events, ...rows, final: true });
    }
    const confirmed = await history.archived(branchId, day);
    if (!(confirmed?.final && confirmed.seq === seq)) {
      throw new Error(
        `archive of ${branchId} ${day} not confirmed (read back ${JSON.stringify(confirmed)}, log at ${seq})`,
      );
    }
    if (this.#o.mayDrop && !(await this.#o.mayDrop(branchId, day, seq))) return false;
    // Conditional on the version read: an event appended since stays, and the day is archived again next pass.
    const dropped = await store.dropDay(branchId, day, seq);
    this.#o.onArchived?.({ branchId, day, final: true, dropped });
    this.#o.logger.debug({ branchId, day, seq, dropped }, 'archived a past day');
    return dropped;
  }

  /** [SY9] Whether the past day may be archived as final now (always, but on the centre for a synced branch). */
  async #finalOk(branchId: string, day: string): Promise<boolean> {
    if (!this.#o.mayFinalise) return true;
    const seq = (await this.#o.store.readEvents(branchId, day, 0)).at(-1)?.seq ?? 0;
    return this.#o.mayFinalise(branchId, day, seq);
  }

  /** [H3] Today's finished visits so far (never dropped); nothing written when nothing happened since. */
  async #archiveToday(config: BranchConfig, branchId: string, day: string): Promise<boolean> {
    const { store, history } = this.#o;
    const events = await store.readEvents(branchId, day, 0);
    const seq = events.at(-1)?.seq ?? 0;
    if (seq === 0 || (await history.archived(branchId, day))?.seq === seq) return false;
    const rows = dayRows(
      config,
      events.map((e) => e.event),
      { branchId, day, final: false },
    );
    await history.archiveDay({ branchId, day, events, ...rows, final: false });
    this.#o.onArchived?.({ branchId, day, final: false, dropped: false });
    return true;
  }
}
