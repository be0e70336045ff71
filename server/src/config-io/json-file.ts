// The JSON form of a branch's configuration: the configuration itself with a marker saying what the
// file is, so a file of something else (a ticket list, another program's export) is refused at once.
import type { BranchConfig } from '@nobat/protocol';
import { z } from 'zod';
import { FORMAT, FORMAT_VERSION } from './sheets.ts';

/** The file as the import route accepts it; `config` is judged whole afterwards, problem by problem. */
export const BranchConfigFile = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  /** When and at which version it was exported (for the reader; the import names its own version). */
  exportedAt: z.string().max(100).optional(),
  version: z.number().int().min(0).optional(),
  config: z.looseObject({}),
});
export type BranchConfigFile = z.infer<typeof BranchConfigFile>;

export function toJsonFile(config: BranchConfig, meta: { version: number; exportedAt: string }) {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    exportedAt: meta.exportedAt,
    version: meta.version,
    config,
  } satisfies BranchConfigFile;
}
