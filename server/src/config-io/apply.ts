// The one write of an import: a compare-and-set of the branch's record on the version the import
// was made on. Everything was judged before; this only refuses a stale version.
import type { BranchConfig } from '@nobat/protocol';
import type { Deps } from '../http/context.ts';
import { fail } from '../http/errors.ts';

export interface ImportedConfig {
  branchId: string;
  /** The version the office's import was made on (?version=N). */
  expectedVersion: number;
  config: BranchConfig;
  /** Who imported it and from where (for the audit log). */
  actor: { id: string; name: string; role: string };
  address: string | null;
  /** 'json' or 'xlsx': what was imported (for the audit log). */
  source: 'json' | 'xlsx';
}

/** Saves an imported configuration; 404 when the branch is gone, 409 when it changed meanwhile. */
export async function applyImportedConfig(
  deps: Pick<Deps, 'store' | 'queue'>,
  imported: ImportedConfig,
): Promise<{ version: number; config: BranchConfig }> {
  const { store } = deps;
  const { branchId, expectedVersion, config } = imported;
  // AUDIT: lead wires the audited write here (action 'import', target branch, before → after).
  const record = await store.getRecord<unknown>('branch', branchId);
  if (!record) throw fail(404, 'not-found');
  if (record.version !== expectedVersion) throw fail(409, 'version-conflict');
  const put = await store.putRecord('branch', branchId, config, expectedVersion);
  if (!put.ok) throw fail(409, 'version-conflict');
  deps.queue.invalidateConfig(branchId);
  return { version: put.version, config };
}
