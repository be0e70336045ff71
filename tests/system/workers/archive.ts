// The archive kill test's worker: runs the archiver over the live store in NOBAT_DATA_DIR into the
// history (DATABASE_URL, else NOBAT_DATA_DIR/history.sqlite) and prints a line for every branch-day
// archived, so the parent can SIGKILL it half way. The clock is ARCHIVE_NOW: every seeded day is past.
import { Archiver } from '../../../server/src/history/archiver.ts';
import { openHistory } from '../../../server/src/history/open.ts';
import { openStore } from '../../../server/src/store/open.ts';
import { ARCHIVE_BRANCHES, ARCHIVE_NOW, archiveConfig } from '../../support/archive-days.ts';
import { exitAfter, writeLine } from '../../support/child.ts';
import type { WorkerLine } from '../../support/worker-lines.ts';

const worker = process.env.WORKER_NAME ?? 'archive';
exitAfter(worker, 60_000);
const emit = (line: WorkerLine) => writeLine(line);

const store = openStore({ NOBAT_DATA_DIR: process.env.NOBAT_DATA_DIR });
const history = openHistory({ DATABASE_URL: process.env.DATABASE_URL, NOBAT_DATA_DIR: process.env.NOBAT_DATA_DIR });
try {
  await history.migrate();
  const archiver = new Archiver({
    store,
    history,
    clock: () => ARCHIVE_NOW,
    configOf: async (id) => archiveConfig(id),
    branches: async () => ARCHIVE_BRANCHES,
    logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
    intervalMs: 60_000,
    onArchived: (e) => emit({ kind: 'archived', worker, branchId: e.branchId, day: e.day, dropped: e.dropped }),
  });
  const pass = await archiver.runOnce();
  emit({ kind: 'archive-done', worker, archived: pass.archived, dropped: pass.dropped, failed: pass.failed });
} catch (error) {
  emit({ kind: 'error', worker, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
} finally {
  await store.close();
  await history.close();
}
