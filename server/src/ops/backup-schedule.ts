// [OP7] Backups on a schedule: every NOBAT_BACKUP_EVERY_MINUTES a set of the server's SQLite files
// into NOBAT_BACKUP_DIR, then only the newest NOBAT_BACKUP_KEEP sets kept. One backup at a time; a
// failure is logged and counted (nobat_backup_failures_total) and the next one is tried on time.
import type { Logger } from '../log.ts';
import { type BackupSet, type BackupStore, pruneBackups, takeBackup } from './backup.ts';

export interface BackupScheduleOptions {
  dataDir: string;
  into: string;
  stores: readonly BackupStore[];
  everyMs: number;
  keep: number;
  logger: Logger;
  clock?: () => number;
  /** Told of every failure (the metrics' counter). */
  onFailure?: (err: unknown) => void;
}

export class BackupSchedule {
  readonly #o: BackupScheduleOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<BackupSet | undefined> | undefined;
  #lastSuccessAt: number | undefined;
  #lastFailureAt: number | undefined;

  constructor(opts: BackupScheduleOptions) {
    this.#o = opts;
  }

  /** The first backup one period after start, then every period (the timer does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.runOnce(), this.#o.everyMs);
    this.#timer.unref();
  }

  /** Takes a set now (or joins the one under way) and prunes; resolves undefined if it failed. */
  runOnce(): Promise<BackupSet | undefined> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(): Promise<BackupSet | undefined> {
    const clock = this.#o.clock ?? Date.now;
    try {
      const set = await takeBackup({ dataDir: this.#o.dataDir, into: this.#o.into, stores: this.#o.stores, clock });
      const removed = pruneBackups(this.#o.into, this.#o.keep);
      this.#lastSuccessAt = clock();
      this.#o.logger.info({ set: set.dir, files: set.manifest.files.length, removed: removed.length }, 'backup taken');
      return set;
    } catch (err) {
      this.#lastFailureAt = clock();
      this.#o.logger.error({ err }, 'backup failed');
      this.#o.onFailure?.(err);
      return undefined;
    }
  }

  status(): { lastSuccessAt?: number; lastFailureAt?: number } {
    return {
      ...(this.#lastSuccessAt !== undefined ? { lastSuccessAt: this.#lastSuccessAt } : {}),
      ...(this.#lastFailureAt !== undefined ? { lastFailureAt: this.#lastFailureAt } : {}),
    };
  }

  /** Stops the timer and waits for a backup under way. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
