// The one write of an import: the audited, versioned save every admin change goes through (M2, M3),
// on the version the import was made on. Everything was judged before; this refuses a stale version
// (409 with who changed it and when) and records the import in the audit log.
import type { BranchConfig, ConfigEnvelope } from '@nobat/protocol';
import type { AuditContext } from '../http/admin/audited.ts';
import { saveBranchConfig } from '../http/admin/branch-config.ts';
import type { Deps } from '../http/context.ts';

export interface ImportedConfig {
  branchId: string;
  /** The version the office's import was made on (?version=N). */
  expectedVersion: number;
  config: BranchConfig;
  /** False for a supervisor: an import does not move the branch in the organisation tree. */
  mayMove: boolean;
}

/** Saves an imported configuration; 404 when the branch is gone, 409 when it changed meanwhile. */
export function applyImportedConfig(
  ctx: AuditContext,
  deps: Pick<Deps, 'queue'>,
  imported: ImportedConfig,
): Promise<ConfigEnvelope> {
  return saveBranchConfig(ctx, deps, {
    branchId: imported.branchId,
    action: 'import',
    expectedVersion: imported.expectedVersion,
    mayMove: imported.mayMove,
    edit: () => imported.config,
  });
}
