// The organisation tree above the branches: organisations and their provincial offices. Admins
// write them; a supervisor reads the organisation and office their branch sits in (M5). A record
// is not deleted while something below it names it (M4).
import {
  type BranchConfigInput,
  Id,
  OkBody,
  OrganisationView,
  type ProvincialOffice,
  ProvincialOfficeView,
  SaveOrganisationBody,
  SaveProvincialOfficeBody,
} from '@nobat/protocol';
import { z } from 'zod';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';
import { auditContext, auditedWrite, getSaved, readSaved, type Saved } from './audited.ts';

const VersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

type Kind = 'organisation' | 'provincial-office';

const view = <T>(s: Saved<T>) => ({ version: s.version, changed: s.changed, value: s.value });

export function treeRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  async function branches(): Promise<BranchConfigInput['branch'][]> {
    return (await store.listRecords('branch')).map((r) => readSaved<BranchConfigInput>(r).value.branch);
  }

  /** What a supervisor may see of the tree: the organisation and office of their branch. */
  async function supervisorSees(branchId: string | null): Promise<{ organisation?: string; office?: string }> {
    if (!branchId) return {};
    const branch = (await getSaved<BranchConfigInput>(store, 'branch', branchId))?.value.branch;
    return branch ? { organisation: branch.organisationId, office: branch.provincialOfficeId } : {};
  }

  /** Who names a record: the offices of an organisation, the branches of an office. */
  async function dependants(kind: Kind, id: string): Promise<number> {
    if (kind === 'organisation') {
      const offices = await store.listRecords('provincial-office');
      const named = offices.filter((r) => readSaved<ProvincialOffice>(r).value.organisationId === id).length;
      return named + (await branches()).filter((b) => b.organisationId === id).length;
    }
    return (await branches()).filter((b) => b.provincialOfficeId === id).length;
  }

  const routes = [
    {
      kind: 'organisation' as const,
      base: '/api/v1/admin/organisations',
      param: 'organisationId',
      noun: 'organisation',
      View: OrganisationView,
      Body: SaveOrganisationBody,
    },
    {
      kind: 'provincial-office' as const,
      base: '/api/v1/admin/provincial-offices',
      param: 'officeId',
      noun: 'provincial office',
      View: ProvincialOfficeView,
      Body: SaveProvincialOfficeBody,
    },
  ];

  for (const r of routes) {
    const Params = z.object({ [r.param]: Id });
    const idOf = (c: { req: { valid(t: 'param'): Record<string, string> } }) => c.req.valid('param')[r.param] as string;

    /** An office must name an existing organisation; it cannot move while branches sit in it. */
    async function checkValue(
      value: { id: string; organisationId?: string },
      current?: Saved<{ organisationId?: string }>,
    ) {
      if (r.kind !== 'provincial-office' || !value.organisationId) return;
      if (!(await getSaved(store, 'organisation', value.organisationId))) {
        throw fail(422, 'invalid-config', [{ path: 'organisationId', message: 'unknown organisation' }]);
      }
      if (
        current &&
        current.value.organisationId !== value.organisationId &&
        (await dependants(r.kind, value.id)) > 0
      ) {
        throw fail(409, 'in-use', [{ path: 'organisationId', message: 'branches sit in this office' }]);
      }
    }

    app.openapi(
      createRoute({
        method: 'get',
        path: r.base,
        tags: ['admin'],
        summary: `Every ${r.noun} (a supervisor: their branch's)`,
        security: sessionAuth,
        responses: ok200(z.array(r.View)),
      }),
      async (c) => {
        const user = requireUser(c, ['admin', 'supervisor']);
        const sees = user.role === 'admin' ? undefined : await supervisorSees(user.branchId);
        const wanted = sees && (r.kind === 'organisation' ? sees.organisation : sees.office);
        const all = (await store.listRecords(r.kind)).map((rec) => view(readSaved(rec)));
        return c.json(sees ? all.filter((v) => (v.value as { id: string }).id === wanted) : all, 200) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'post',
        path: r.base,
        tags: ['admin'],
        summary: `Create a ${r.noun} (version 0)`,
        security: sessionAuth,
        request: { body: jsonBody(r.Body) },
        responses: ok201(r.View),
      }),
      async (c) => {
        const user = requireUser(c, ['admin']);
        const { version, value } = c.req.valid('json') as {
          version: number;
          value: { id: string; organisationId?: string };
        };
        if (version !== 0)
          throw fail(400, 'invalid-input', [{ path: 'version', message: 'a new record has version 0' }]);
        const saved = await auditedWrite(auditContext(c, deps, user), {
          kind: r.kind,
          id: value.id,
          action: 'create',
          branchId: null,
          expectedVersion: 0,
          apply: async () => {
            await checkValue(value);
            return value;
          },
        });
        return c.json(view(saved as Saved<unknown>), 201) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'put',
        path: `${r.base}/{${r.param}}`,
        tags: ['admin'],
        summary: `Change a ${r.noun}, made on \`version\` (a stale one: 409 version-conflict)`,
        security: sessionAuth,
        request: { params: Params, body: jsonBody(r.Body) },
        responses: ok200(r.View),
      }),
      async (c) => {
        const user = requireUser(c, ['admin']);
        const id = idOf(c as never);
        const { version, value } = c.req.valid('json') as {
          version: number;
          value: { id: string; organisationId?: string };
        };
        if (value.id !== id) throw fail(400, 'invalid-input', [{ path: 'value.id', message: 'must match the path' }]);
        if (version < 1)
          throw fail(400, 'invalid-input', [{ path: 'version', message: 'the version the edit was made on' }]);
        const saved = await auditedWrite<{ id: string; organisationId?: string }>(auditContext(c, deps, user), {
          kind: r.kind,
          id,
          action: 'update',
          branchId: null,
          expectedVersion: version,
          apply: async (current) => {
            await checkValue(value, current);
            return value;
          },
        });
        return c.json(view(saved as Saved<unknown>), 200) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'delete',
        path: `${r.base}/{${r.param}}`,
        tags: ['admin'],
        summary: `Delete a ${r.noun} (409 in-use while anything below names it)`,
        security: sessionAuth,
        request: { params: Params, query: VersionQuery },
        responses: ok200(OkBody),
      }),
      async (c) => {
        const user = requireUser(c, ['admin']);
        const id = idOf(c as never);
        await auditedWrite(auditContext(c, deps, user), {
          kind: r.kind,
          id,
          action: 'delete',
          branchId: null,
          expectedVersion: c.req.valid('query').version,
          apply: async (current) => {
            if (!current) throw fail(404, 'not-found');
            if ((await dependants(r.kind, id)) > 0) throw fail(409, 'in-use');
            return null;
          },
        });
        return c.json({ ok: true as const }, 200);
      },
    );
  }
}
