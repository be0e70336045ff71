import { ApiError, createRestClient } from '@nobat/client';
import { describe, expect, it } from 'vitest';
import { createFloorApi, exportUrl, importContentType } from './api.ts';

/** A fetch that answers one request and records it (this module's own test: no server needed). */
function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fake: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fake, calls };
}

const file = (name: string, text: string) => new File([text], name);

describe('the floor plan API', () => {
  it('names the export files of a branch, encoded', () => {
    expect(exportUrl('sso-tehran-14', 'xlsx')).toBe('/api/v1/admin/branches/sso-tehran-14/export.xlsx');
    expect(exportUrl('a b', 'json')).toBe('/api/v1/admin/branches/a%20b/export.json');
  });

  it('sends an import with its content type and the version it was made on', async () => {
    const { fake, calls } = answering(200, { applied: true, problems: [], envelope: null });
    const api = createFloorApi(createRestClient({ fetch: fake }), fake);
    const result = await api.importFile('b1', 7, file('branch.xlsx', 'x'));
    expect(result.applied).toBe(true);
    expect(calls[0]?.url).toBe('/api/v1/admin/branches/b1/import?version=7');
    expect((calls[0]?.init?.headers as Record<string, string> | undefined)?.['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('a refused import (422) gives every problem, row by row', async () => {
    const problems = [{ sheet: 'زیرخدمت‌ها', row: 4, field: 'to', message: 'from must not exceed to' }];
    const { fake } = answering(422, { applied: false, problems, envelope: null });
    const api = createFloorApi(createRestClient({ fetch: fake }), fake);
    expect(await api.importFile('b1', 7, file('b.json', '{}'))).toEqual({ applied: false, problems, envelope: null });
  });

  it('another refusal is an ApiError with the server’s words', async () => {
    const { fake } = answering(409, {
      error: { code: 'version-conflict', message: { fa: 'تغییر کرده', en: 'Changed' } },
    });
    const api = createFloorApi(createRestClient({ fetch: fake }), fake);
    await expect(api.importFile('b1', 7, file('b.json', '{}'))).rejects.toMatchObject({
      status: 409,
      code: 'version-conflict',
    });
  });

  it('refuses a file that is neither JSON nor XLSX before sending it', async () => {
    const { fake, calls } = answering(200, {});
    const api = createFloorApi(createRestClient({ fetch: fake }), fake);
    await expect(api.importFile('b1', 1, file('notes.txt', 'x'))).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
    expect(importContentType({ name: 'X.JSON', type: '' })).toBe('application/json');
  });

  it('saves the whole configuration with its version', async () => {
    const { fake, calls } = answering(500, {});
    const api = createFloorApi(createRestClient({ fetch: fake }), fake);
    await expect(api.save('b1', 3, { x: 1 } as never)).rejects.toBeInstanceOf(ApiError);
    expect(calls[0]?.init?.method).toBe('PUT');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ version: 3, config: { x: 1 } });
  });
});
