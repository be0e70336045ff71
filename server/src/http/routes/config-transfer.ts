// [X1–X5] A branch's configuration out as a JSON file or an XLSX workbook, and back in: admins, and
// the branch's own supervisor. An import is applied whole or not at all, on the version it names.
import {
  BranchConfig,
  ErrorBody,
  errorMessages,
  Id,
  type ImportProblem,
  ImportResult,
  XLSX_CONTENT_TYPE,
} from '@nobat/protocol';
import { z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import {
  applyImportedConfig,
  BranchConfigFile,
  judgeImport,
  NO_TRACING,
  readXlsx,
  toJsonFile,
  toXlsx,
} from '../../config-io/index.ts';
import { counterInUse, serviceInUse } from '../../domain/index.ts';
import { auditContext } from '../admin/audited.ts';
import type { App, Deps } from '../context.ts';
import { errorBody, fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

const BranchParams = z.object({ branchId: Id });
const ImportQuery = z.object({ version: z.coerce.number().int().min(1) });
/** A refused import: every problem, and the error shape every client understands. */
const ImportRefused = ImportResult.extend({ error: ErrorBody.shape.error });

const binary = (description: string, type: string) => ({
  200: { description, content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } },
});

export function configTransferRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  async function readable(c: Parameters<typeof requireUser>[0], branchId: string) {
    const user = requireUser(c, ['admin', 'supervisor']);
    if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
    const record = await store.getRecord<unknown>('branch', branchId);
    if (!record) throw fail(404, 'not-found');
    return { user, version: record.version, config: BranchConfig.parse(record.value) };
  }

  const exported = (branchId: string, version: number, ext: string) => ({
    'Content-Disposition': `attachment; filename="nobat-${branchId}-v${version}.${ext}"`,
    'Cache-Control': 'no-store',
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branches/{branchId}/export.json',
      tags: ['admin'],
      summary: "[X1] A branch's configuration as a JSON file (format nobat-branch-config)",
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(BranchConfigFile.extend({ config: BranchConfig })),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { version, config } = await readable(c, branchId);
      const file = toJsonFile(config, { version, exportedAt: new Date(deps.clock()).toISOString() });
      return c.json(file, 200, exported(branchId, version, 'json'));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branches/{branchId}/export.xlsx',
      tags: ['admin'],
      summary: "[X2] A branch's configuration as an XLSX workbook (right-to-left sheets, Persian headers)",
      security: sessionAuth,
      request: { params: BranchParams },
      responses: { ...ok200(z.unknown()), ...binary('The workbook', XLSX_CONTENT_TYPE) },
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { version, config } = await readable(c, branchId);
      const bytes = await toXlsx(config, { version, exportedAt: new Date(deps.clock()).toISOString() });
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': XLSX_CONTENT_TYPE,
        ...exported(branchId, version, 'xlsx'),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/branches/{branchId}/import',
      tags: ['admin'],
      summary: "[X3–X5] Replace a branch's configuration with an exported file (JSON or XLSX), all rows or none",
      description:
        'The body is the JSON file of export.json (application/json) or a workbook of export.xlsx ' +
        `(${XLSX_CONTENT_TYPE}). 200 applied; 422 with every problem (sheet, row as Excel shows it, column) and nothing changed; ` +
        '409 version-conflict when the branch changed since `version`.',
      security: sessionAuth,
      request: {
        params: BranchParams,
        query: ImportQuery,
        // Not "required": the JSON validator would then judge a workbook's bytes as JSON; a missing body is refused below.
        body: {
          content: {
            'application/json': { schema: BranchConfigFile },
            [XLSX_CONTENT_TYPE]: { schema: z.string().meta({ format: 'binary' }) },
          },
        },
      },
      responses: {
        ...ok200(ImportResult),
        422: {
          description: 'Refused: every problem, nothing changed',
          content: { 'application/json': { schema: ImportRefused } },
        },
      },
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { version: expectedVersion } = c.req.valid('query');
      const { user, config: current } = await readable(c, branchId);
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();

      let input: unknown;
      let read: Parameters<typeof judgeImport>[1] = { ...NO_TRACING, problems: [] };
      if (type === XLSX_CONTENT_TYPE) {
        const bytes = Buffer.from(await c.req.arrayBuffer());
        const workbook = await readXlsx(bytes);
        if (!workbook.ok) {
          throw workbook.reason === 'too-large'
            ? fail(413, 'payload-too-large')
            : fail(400, 'invalid-input', [{ path: '', message: workbook.message }]);
        }
        input = workbook.read.input;
        read = workbook.read;
      } else if (type === 'application/json') {
        input = (c.req.valid('json') as BranchConfigFile).config;
      } else {
        throw fail(400, 'invalid-input', [
          { path: '', message: `send the JSON file or the workbook (${XLSX_CONTENT_TYPE})` },
        ]);
      }

      const day = await deps.queue.view(branchId);
      const judged = judgeImport(input, read, {
        branchId,
        current,
        mayMove: user.role === 'admin',
        serviceInUse: (id) => (day ? serviceInUse(day.state, id) : false),
        counterInUse: (id) => (day ? counterInUse(day.state, id) : false),
      });
      if (!judged.ok) return c.json(refused(judged.problems), 422);

      const envelope = await applyImportedConfig(auditContext(c, deps, user), deps, {
        branchId,
        expectedVersion,
        config: judged.config,
        mayMove: user.role === 'admin',
      });
      return c.json({ applied: true, problems: [], envelope }, 200);
    },
  );
}

function refused(problems: ImportProblem[]) {
  const { error } = errorBody(
    'invalid-config',
    errorMessages['invalid-config'],
    problems.map((p) => ({
      path: [p.sheet, p.row, p.field].filter((x) => x !== null && x !== '').join(' › '),
      message: p.message,
    })),
  );
  return { applied: false, problems, envelope: null, error };
}
