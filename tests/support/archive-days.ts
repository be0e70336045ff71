// The branch-days of the archive kill test, the same in the test and in its worker: several branches,
// each with a run of past days seeded as the server would have logged them (testing/seed-history.ts).
import type { BranchConfig } from '@nobat/protocol';
import { localHourStart } from '../../server/src/domain/advice.ts';
import type { DomainEvent } from '../../server/src/domain/events.ts';
import { testConfig } from '../../server/src/testing/fixtures.ts';
import { seededDay } from '../../server/src/testing/seed-history.ts';

export const ARCHIVE_BRANCHES = Array.from({ length: 8 }, (_, i) => `kill-b${i}`);
export const ARCHIVE_DAYS = Array.from(
  { length: 12 },
  (_, i) => new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10), // 2026-11-01 … 2026-11-12
);
/** The archiver's clock: 2026-11-22 10:00 in Tehran, every seeded day long past. */
export const ARCHIVE_NOW = localHourStart('2026-11-22', 10, 'Asia/Tehran');

export function archiveConfig(branchId: string): BranchConfig {
  return testConfig((c) => {
    c.branch.id = branchId;
  });
}

/** The seeded log of a branch-day. */
export function archiveDayLog(branchId: string, day: string): DomainEvent[] {
  const seed = ARCHIVE_BRANCHES.indexOf(branchId) * 100 + ARCHIVE_DAYS.indexOf(day) + 1;
  return seededDay(archiveConfig(branchId), day, { seed, noShowShare: 0.15, open: 8, close: 13 });
}
