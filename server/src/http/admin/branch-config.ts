// Saving a branch's whole configuration: validated whole (M1, with the zod path of each problem),
// placed in the organisation tree (M4), versioned and audited (M2, M3), and the queue told. The
// admin routes, a branch copy and the bulk import all save through `saveBranchConfig`.
import {
  type AuditAction,
  BranchConfig,
  type BranchConfigInput,
  type ConfigEnvelope,
  type Organisation,
  type ProvincialOffice,
} from '@nobat/protocol';
import type { z } from 'zod';
import type { Deps } from '../context.ts';
import { fail, type Issue } from '../errors.ts';
import { type AuditContext, auditedWrite, getSaved, type Saved } from './audited.ts';

/** 422 invalid-config with each zod issue at its path inside the saved value ("services.0.numbering.to"). */
export function invalidConfig(error: z.ZodError, prefix = ''): never {
  throw fail(
    422,
    'invalid-config',
    error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message })),
  );
}

export function envelopeOf(saved: Saved<unknown>): ConfigEnvelope {
  return { version: saved.version, changed: saved.changed, config: BranchConfig.parse(saved.value) };
}

/** [M4] The branch's organisation and provincial office exist, and the office is the organisation's. */
export async function treeIssues(
  store: Deps['store'],
  branch: { organisationId: string; provincialOfficeId: string },
): Promise<Issue[]> {
  const org = await getSaved<Organisation>(store, 'organisation', branch.organisationId);
  const office = await getSaved<ProvincialOffice>(store, 'provincial-office', branch.provincialOfficeId);
  const issues: Issue[] = [];
  if (!org) issues.push({ path: 'branch.organisationId', message: 'unknown organisation' });
  if (!office) issues.push({ path: 'branch.provincialOfficeId', message: 'unknown provincial office' });
  else if (office.value.organisationId !== branch.organisationId) {
    issues.push({
      path: 'branch.provincialOfficeId',
      message: 'the provincial office belongs to another organisation',
    });
  }
  return issues;
}

export interface BranchSave {
  branchId: string;
  action: AuditAction;
  /** 0: create; N: the version the edit was made on; undefined: edit whatever is current. */
  expectedVersion?: number | undefined;
  /** The new configuration (unvalidated input), from the current one (undefined when creating). */
  edit: (current: BranchConfigInput | undefined) => unknown;
  /** False for a supervisor: the branch's id, organisation and provincial office stay as they are. */
  mayMove?: boolean;
}

/** Validates and saves a branch's configuration; refusals (ApiError) leave the store untouched. */
export async function saveBranchConfig(
  ctx: AuditContext,
  deps: Pick<Deps, 'queue'>,
  save: BranchSave,
): Promise<ConfigEnvelope> {
  const { branchId } = save;
  const timeZone = (await getSaved<BranchConfigInput>(ctx.store, 'branch', branchId))?.value.branch.timeZone;
  const saved = await auditedWrite<BranchConfig>(ctx, {
    kind: 'branch',
    id: branchId,
    action: save.action,
    branchId,
    expectedVersion: save.expectedVersion,
    timeZone,
    apply: async (current) => {
      if (!current && save.expectedVersion !== 0) throw fail(404, 'not-found');
      const parsed = BranchConfig.safeParse(save.edit(current && structuredClone(current.value)));
      if (!parsed.success) invalidConfig(parsed.error);
      const { branch } = parsed.data;
      if (branch.id !== branchId) {
        throw fail(422, 'invalid-config', [{ path: 'branch.id', message: 'must be the branch being saved' }]);
      }
      const was = current?.value.branch;
      const moved =
        !was || was.organisationId !== branch.organisationId || was.provincialOfficeId !== branch.provincialOfficeId;
      if (was && moved && save.mayMove === false) {
        throw fail(403, 'forbidden', [{ path: 'branch.provincialOfficeId', message: 'only an admin moves a branch' }]);
      }
      if (moved) {
        const issues = await treeIssues(ctx.store, branch);
        if (issues.length > 0) throw fail(422, 'invalid-config', issues);
      }
      return parsed.data;
    },
  });
  deps.queue.invalidateConfig(branchId);
  if (!saved) throw new Error('saveBranchConfig: a save deleted the branch');
  return envelopeOf(saved);
}
