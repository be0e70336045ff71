// The floor plan's conversations with the server (admin API, issue 12): load and save a branch's
// configuration, import a file in its place, copy it into a new branch.
import { ApiError, errorOf, NETWORK_MESSAGE, path, type RestClient } from '@nobat/client';
import {
  type BranchConfig,
  ConfigEnvelope,
  type CopyBranchBody,
  ImportResult,
  ProvincialOfficeView,
  XLSX_CONTENT_TYPE,
} from '@nobat/protocol';
import type { z } from 'zod';
import { api, sessionFetch } from '../api.ts';

const Envelope = ConfigEnvelope;
const Offices = ProvincialOfficeView.array();

/** The new branch's id and name, and its provincial office when not this branch's. */
export type CopyRequest = z.input<typeof CopyBranchBody>;

export interface FloorApi {
  load(branchId: string): Promise<ConfigEnvelope>;
  save(branchId: string, version: number, config: BranchConfig): Promise<ConfigEnvelope>;
  /** The server's verdict on a JSON or XLSX file: applied whole, or every problem found. */
  importFile(branchId: string, version: number, file: File): Promise<ImportResult>;
  copy(branchId: string, body: CopyRequest): Promise<ConfigEnvelope>;
  offices(): Promise<ProvincialOfficeView[]>;
}

export const exportUrl = (branchId: string, format: 'json' | 'xlsx'): string =>
  path('/api/v1/admin/branches', branchId, `export.${format}`);

/** The content type the import route expects for a file, from its name or its own type. */
export function importContentType(file: Pick<File, 'name' | 'type'>): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') return 'application/json';
  if (name.endsWith('.xlsx') || file.type === XLSX_CONTENT_TYPE) return XLSX_CONTENT_TYPE;
  return null;
}

/** On the console's session: a 401 anywhere here signs the console out, as on every other page. */
export function createFloorApi(client: RestClient = api, doFetch: typeof fetch = sessionFetch): FloorApi {
  const branch = (id: string) => path('/api/v1/admin/branches', id);
  return {
    load: (id) => client.get(Envelope, branch(id)),
    save: (id, version, config) => client.put(Envelope, branch(id), { version, config }),
    async importFile(id, version, file) {
      const type = importContentType(file);
      if (!type) {
        throw new ApiError(400, 'unsupported-file', {
          fa: 'فقط پروندهٔ JSON یا XLSX برون‌بُرد نوبت پذیرفته می‌شود.',
          en: 'Only a Nobat JSON or XLSX export can be imported.',
        });
      }
      let res: Response;
      try {
        res = await doFetch(`${branch(id)}/import?version=${version}`, {
          method: 'POST',
          headers: { 'content-type': type, accept: 'application/json' },
          body: await file.arrayBuffer(),
        });
      } catch {
        throw new ApiError(0, 'network', NETWORK_MESSAGE);
      }
      // A refused import answers 422 with the same shape as an applied one: every problem, row by row.
      if (res.ok || res.status === 422) {
        const parsed = ImportResult.safeParse(
          await res
            .clone()
            .json()
            .catch(() => null),
        );
        if (parsed.success) return parsed.data;
      }
      throw await errorOf(res);
    },
    copy: (id, body) => client.post(Envelope, `${branch(id)}/copy`, body),
    offices: () => client.get(Offices, '/api/v1/admin/provincial-offices'),
  };
}
