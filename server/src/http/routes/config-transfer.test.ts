// Export and import of a branch's configuration over real HTTP (SPEC X1–X5): the demo branch (rich
// information packages) out as JSON and XLSX and back in unchanged; a bad row applies nothing and
// is reported at its sheet and row; stale versions, other branches and files that are not ours refused.
import { deflateRawSync } from 'node:zlib';
import { BranchConfig, XLSX_CONTENT_TYPE as XLSX_TYPE } from '@nobat/protocol';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigInput } from '../../demo.ts';
import {
  type ApiResponse,
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  OTHER_BRANCH,
  type PrincipalName,
} from '../../testing/http-harness.ts';

const open: HttpHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
async function harness(): Promise<HttpHarness> {
  const h = await createHttpHarness();
  open.push(h);
  return h;
}

const base = (branch = BRANCH) => `/api/v1/admin/branches/${branch}`;
const demo = () => BranchConfig.parse(demoConfigInput());

async function envelope(h: HttpHarness, branch = BRANCH): Promise<{ version: number; config: Json }> {
  const r = await h.request('GET', base(branch), { as: 'admin' });
  expect(r.status).toBe(200);
  return r.body;
}

async function exportXlsx(h: HttpHarness, as: PrincipalName = 'admin', branch = BRANCH): Promise<Buffer> {
  const token = h.tokenOf(as);
  const res = await h.app.request(`${base(branch)}/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** POSTs raw bytes as a workbook (the harness's request() sends text). */
async function postWorkbook(
  h: HttpHarness,
  bytes: Uint8Array,
  version: number,
  opts: { as?: PrincipalName; branch?: string; type?: string } = {},
): Promise<ApiResponse> {
  const res = await h.app.request(
    `${base(opts.branch)}/import?version=${version}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${h.tokenOf(opts.as ?? 'admin')}`, 'content-type': opts.type ?? XLSX_TYPE },
      body: bytes,
    },
    { incoming: { socket: { remoteAddress: '192.0.2.1', remotePort: 50000 } } },
  );
  const text = await res.text();
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

function sheet(wb: ExcelJS.Workbook, key: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.endsWith(`(${key})`));
  if (!ws) throw new Error(`no sheet ${key}`);
  return ws;
}
/** The column number of a key (row 2 holds the keys). */
function col(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.getRow(2).eachCell((cell, n) => {
    if (cell.value === key) found = n;
  });
  if (!found) throw new Error(`no column ${key} in ${ws.name}`);
  return found;
}
/** The row number whose `key` column holds `value`. */
function rowWhere(ws: ExcelJS.Worksheet, key: string, value: string): number {
  const c = col(ws, key);
  for (let n = 3; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(c).value === value) return n;
  throw new Error(`no row with ${key}=${value} in ${ws.name}`);
}

describe('[X1] export as a JSON file', () => {
  it('[X1] the file names its format and the version, and holds the whole configuration', async () => {
    const h = await harness();
    const env = await envelope(h);
    const r = await h.request('GET', `${base()}/export.json`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: 'nobat-branch-config', formatVersion: 1, version: env.version });
    expect(new Date(r.body.exportedAt).getTime()).toBe(h.now());
    expect(r.body.config).toStrictEqual(env.config);
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="nobat-${BRANCH}-v${env.version}.json"`);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it("[X1] another branch's supervisor and a clerk are refused", async () => {
    const h = await harness();
    expect((await h.request('GET', `${base()}/export.json`, { as: 'otherSupervisor' })).status).toBe(403);
    expect((await h.request('GET', `${base()}/export.xlsx`, { as: 'otherSupervisor' })).status).toBe(403);
    expect((await h.request('GET', `${base()}/export.json`, { as: 'clerk' })).status).toBe(403);
    expect((await h.request('GET', `${base('no-such')}/export.json`, { as: 'admin' })).status).toBe(404);
  });
});

describe('[X2] export as a workbook', () => {
  it('[X2] right-to-left sheets, Persian headers over the keys, frozen, a Persian font, numbers as numbers', async () => {
    const h = await harness();
    const wb = await load(await exportXlsx(h, 'supervisor'));
    const keys = wb.worksheets.map((w) => /\((\w+)\)$/.exec(w.name)?.[1]);
    expect(keys).toEqual([
      'readme',
      'branch',
      'hours',
      'holidays',
      'groups',
      'services',
      'info',
      'steps',
      'documents',
      'fees',
      'addresses',
      'inquiries',
      'workflow',
      'priorities',
      'counters',
      'counterServices',
      'clerks',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 2 });
      expect(ws.getRow(1).getCell(1).font?.name, ws.name).toBe('Tahoma');
    }
    const services = sheet(wb, 'services');
    expect(services.name).toBe('خدمات (services)');
    expect(services.getRow(1).getCell(col(services, 'numbering.from')).value).toBe('شماره از');
    const booklet = rowWhere(services, 'id', 'booklet-renewal');
    expect(services.getRow(booklet).getCell(col(services, 'numbering.from')).value).toBe(5001);
    expect(services.getRow(booklet).getCell(col(services, 'dailyCap')).value).toBe(400);
    expect(services.getRow(booklet).getCell(col(services, 'active')).value).toBe('بله');
    expect(services.getColumn(col(services, 'title.fa')).width).toBeGreaterThan(20);
    // The information package: one sheet per list, keyed by service id, in the service's order.
    const fees = sheet(wb, 'fees');
    const fee = rowWhere(fees, 'serviceId', 'premium-list');
    expect(fees.getRow(fee).getCell(col(fees, 'legalBasis.fa')).value).toBe('مادهٔ ۲۸ قانون تأمین اجتماعی');
    const workflow = sheet(wb, 'workflow');
    expect(workflow.name).toBe('جدول ۱ گردش کار (workflow)');
    expect(workflow.getRow(3).getCell(col(workflow, 'durationUnit')).value).toBe('دقیقه');
  });

  it('[X2] the workbook is an .xlsx download named after the branch and its version', async () => {
    const h = await harness();
    const env = await envelope(h);
    const res = await h.app.request(`${base()}/export.xlsx`, {
      headers: { authorization: `Bearer ${h.tokenOf('admin')}` },
    });
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="nobat-${BRANCH}-v${env.version}.xlsx"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeLessThan(200_000);
  });
});

describe('[X3] import applies a whole configuration', () => {
  it('[X3] XLSX export → import gives back an equal configuration (the demo branch)', async () => {
    const h = await harness();
    const before = await envelope(h);
    const r = await postWorkbook(h, await exportXlsx(h), before.version);
    expect(r.status, r.text).toBe(200);
    expect(r.body.applied).toBe(true);
    expect(r.body.problems).toEqual([]);
    expect(r.body.envelope.version).toBe(before.version + 1);
    expect(r.body.envelope.config).toStrictEqual(before.config);
    const after = await envelope(h);
    expect(after.config).toStrictEqual(before.config);
    expect(after.config).toStrictEqual(JSON.parse(JSON.stringify(demo())));
  });

  it('[X3] JSON export → import gives back an equal configuration', async () => {
    const h = await harness();
    const file = (await h.request('GET', `${base()}/export.json`, { as: 'admin' })).body;
    const r = await h.request('POST', `${base()}/import?version=${file.version}`, { as: 'supervisor', body: file });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ applied: true, problems: [] });
    expect((await envelope(h)).config).toStrictEqual(file.config);
  });

  it('[X3][M3] an import is saved through the audited write: an "import" entry by whoever imported, stamped on the envelope', async () => {
    const h = await harness();
    const file = (await h.request('GET', `${base()}/export.json`, { as: 'admin' })).body;
    const r = await h.request('POST', `${base()}/import?version=${file.version}`, { as: 'supervisor', body: file });
    expect(r.status, r.text).toBe(200);
    expect(r.body.envelope).toMatchObject({ version: file.version + 1, changed: { by: { id: expect.any(String) } } });
    const audit = await h.request('GET', `/api/v1/admin/audit?branchId=${BRANCH}`, { as: 'admin' });
    expect(audit.status, audit.text).toBe(200);
    const entry = audit.body.entries[0];
    expect(entry).toMatchObject({
      action: 'import',
      target: { kind: 'branch', id: BRANCH },
      actor: { role: 'supervisor' },
      fromVersion: file.version,
      toVersion: file.version + 1,
    });
  });

  it('[X3] what an office changes in the workbook is what is saved', async () => {
    const h = await harness();
    const before = await envelope(h);
    const wb = await load(await exportXlsx(h));
    const services = sheet(wb, 'services');
    const finance = rowWhere(services, 'id', 'finance');
    services.getRow(finance).getCell(col(services, 'dailyCap')).value = '۱۲۰'; // Persian digits, as text
    services.getRow(finance).getCell(col(services, 'active')).value = 'خیر';
    const steps = sheet(wb, 'steps');
    steps.addRow([]);
    const added = steps.rowCount + 1;
    steps.getRow(added).getCell(col(steps, 'serviceId')).value = 'finance';
    steps.getRow(added).getCell(col(steps, 'text.fa')).value = 'بایگانی';
    const hours = sheet(wb, 'hours');
    hours.getRow(3).getCell(col(hours, 'days.fri')).value = false; // a boolean cell, as Excel makes one
    hours.getRow(3).getCell(col(hours, 'open')).value = 0.3125; // 07:30 as Excel keeps a time
    hours.getRow(3).getCell(col(hours, 'close')).value = '۱۴:۳۰';
    const r = await postWorkbook(h, await save(wb), before.version);
    expect(r.status, r.text).toBe(200);
    const saved = (await envelope(h)).config;
    const service = saved.services.find((s: Json) => s.id === 'finance');
    expect(service.dailyCap).toBe(120);
    expect(service.active).toBe(false);
    expect(service.info.steps.at(-1)).toBe('بایگانی');
    expect(saved.branch.openingHours).toEqual([
      { days: ['sat', 'sun', 'mon', 'tue', 'wed', 'thu'], open: '07:30', close: '14:30' },
    ]);
  });
});

describe('[X4] an import with a bad row changes nothing and says where', () => {
  it('[X4] a service whose numbering ends before it starts: 422, its sheet, row and column, nothing saved', async () => {
    const h = await harness();
    const before = await envelope(h);
    const snapshot = await h.snapshot();
    const wb = await load(await exportXlsx(h));
    const services = sheet(wb, 'services');
    const row = rowWhere(services, 'id', 'pension');
    services.getRow(row).getCell(col(services, 'numbering.to')).value = 7000; // from is 7001
    const r = await postWorkbook(h, await save(wb), before.version);
    expect(r.status, r.text).toBe(422);
    expect(r.body.applied).toBe(false);
    expect(r.body.envelope).toBeNull();
    expect(r.body.problems).toEqual([
      {
        sheet: 'خدمات (services)',
        row,
        field: 'numbering.to',
        message: expect.stringContaining('from must not exceed to'),
      },
    ]);
    // Clients that read only the error shape still get the code and every problem.
    expect(r.body.error.code).toBe('invalid-config');
    expect(r.body.error.issues).toHaveLength(1);
    expect(await h.snapshot()).toEqual(snapshot);
    expect((await envelope(h)).config).toStrictEqual(before.config);
  });

  it('[X4] every problem is listed: a counter serving an unknown service, a word where a number goes, a step of no service', async () => {
    const h = await harness();
    const before = await envelope(h);
    const snapshot = await h.snapshot();
    const wb = await load(await exportXlsx(h));
    const links = sheet(wb, 'counterServices');
    const link = rowWhere(links, 'counterId', 'counter-3');
    links.getRow(link).getCell(col(links, 'serviceId')).value = 'no-such-service';
    const counters = sheet(wb, 'counters');
    const counter = rowWhere(counters, 'id', 'counter-2');
    counters.getRow(counter).getCell(col(counters, 'number')).value = 'دو';
    const steps = sheet(wb, 'steps');
    steps.getRow(4).getCell(col(steps, 'serviceId')).value = 'ghost';
    const r = await postWorkbook(h, await save(wb), before.version);
    expect(r.status, r.text).toBe(422);
    const where = (r.body.problems as Json[]).map((p) => [p.sheet, p.row, p.field]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['خدمات باجه‌ها (counterServices)', link, 'serviceId'],
        ['باجه‌ها (counters)', counter, 'number'],
        ['مراحل انجام کار (steps)', 4, 'serviceId'],
      ]),
    );
    expect(r.body.problems).toHaveLength(3);
    const unknown = r.body.problems.find((p: Json) => p.sheet === 'خدمات باجه‌ها (counterServices)');
    expect(unknown.message).toBe('counter "counter-3" serves unknown service "no-such-service"');
    expect(await h.snapshot()).toEqual(snapshot);
  });

  it('[X4] a JSON file with a bad configuration: 422 with the zod paths, nothing saved', async () => {
    const h = await harness();
    const file = (await h.request('GET', `${base()}/export.json`, { as: 'admin' })).body;
    file.config.services[2].numbering.to = 1;
    file.config.counters[0].services.push({ serviceId: 'nowhere' });
    const snapshot = await h.snapshot();
    const r = await h.request('POST', `${base()}/import?version=${file.version}`, { as: 'admin', body: file });
    expect(r.status, r.text).toBe(422);
    expect(r.body.problems).toEqual(
      expect.arrayContaining([
        { sheet: null, row: null, field: 'services.2.numbering.to', message: 'from must not exceed to' },
      ]),
    );
    expect(await h.snapshot()).toEqual(snapshot);
  });

  it('[X4] an import cannot give the branch another id, and a supervisor cannot move it', async () => {
    const h = await harness();
    const before = await envelope(h);
    const wb = await load(await exportXlsx(h));
    const branch = sheet(wb, 'branch');
    const idRow = rowWhere(branch, 'key', 'id');
    const orgRow = rowWhere(branch, 'key', 'organisationId');
    branch.getRow(idRow).getCell(col(branch, 'value')).value = 'renamed';
    branch.getRow(orgRow).getCell(col(branch, 'value')).value = 'another-org';
    const bytes = await save(wb);
    const snapshot = await h.snapshot();
    const r = await postWorkbook(h, bytes, before.version, { as: 'supervisor' });
    expect(r.status, r.text).toBe(422);
    expect((r.body.problems as Json[]).map((p) => [p.sheet, p.row, p.field])).toEqual([
      ['شعبه (branch)', idRow, 'id'],
      ['شعبه (branch)', orgRow, 'organisationId'],
    ]);
    const byAdmin = await postWorkbook(h, bytes, before.version, { as: 'admin' });
    expect((byAdmin.body.problems as Json[]).map((p) => p.field)).toEqual(['id']);
    expect(await h.snapshot()).toEqual(snapshot);
  });

  it('[X4] a sub-service with tickets in play today cannot be dropped by an import', async () => {
    const h = await harness();
    await h.issue('finance');
    const file = (await h.request('GET', `${base()}/export.json`, { as: 'admin' })).body;
    file.config.services = file.config.services.filter((s: Json) => s.id !== 'finance');
    file.config.counters[5].services = file.config.counters[5].services.filter((s: Json) => s.serviceId !== 'finance');
    const r = await h.request('POST', `${base()}/import?version=${file.version}`, { as: 'admin', body: file });
    expect(r.status, r.text).toBe(422);
    expect(r.body.problems[0].message).toContain('service "finance" has tickets in play today');
  });
});

describe('[X5] what an import refuses', () => {
  it('[X5] a stale version: 409 version-conflict, nothing saved', async () => {
    const h = await harness();
    const before = await envelope(h);
    const bytes = await exportXlsx(h);
    const put = await h.request('PUT', base(), {
      as: 'admin',
      body: {
        version: before.version,
        config: { ...before.config, branch: { ...before.config.branch, address: 'تازه' } },
      },
    });
    expect(put.status).toBe(200);
    const snapshot = await h.snapshot();
    const r = await postWorkbook(h, bytes, before.version);
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.code).toBe('version-conflict');
    expect(await h.snapshot()).toEqual(snapshot);
    expect((await envelope(h)).config.branch.address).toBe('تازه');
  });

  it("[X5] another branch's supervisor, a clerk and nobody are refused", async () => {
    const h = await harness();
    const before = await envelope(h);
    const bytes = await exportXlsx(h);
    const snapshot = await h.snapshot();
    expect((await postWorkbook(h, bytes, before.version, { as: 'otherSupervisor' })).status).toBe(403);
    expect((await postWorkbook(h, bytes, before.version, { as: 'clerk' })).status).toBe(403);
    const other = await envelope(h, OTHER_BRANCH);
    // The demo's supervisor may not import into b1 either, even a file of b1's own.
    const file = (await h.request('GET', `${base(OTHER_BRANCH)}/export.json`, { as: 'admin' })).body;
    const r = await h.request('POST', `${base(OTHER_BRANCH)}/import?version=${other.version}`, {
      as: 'supervisor',
      body: file,
    });
    expect(r.status).toBe(403);
    const anonymous = await h.app.request(`${base()}/import?version=${before.version}`, {
      method: 'POST',
      headers: { 'content-type': XLSX_TYPE },
      body: bytes,
    });
    expect(anonymous.status).toBe(401);
    expect(await h.snapshot()).toEqual(snapshot);
  });

  it('[X5] files that are not a branch workbook: 4xx with the error shape, never a 500, nothing saved', async () => {
    const h = await harness();
    const { version } = await envelope(h);
    const snapshot = await h.snapshot();
    const plainWorkbook = new ExcelJS.Workbook();
    plainWorkbook.addWorksheet('Sheet1').addRow(['hello']);
    const noSheets = await load(await exportXlsx(h));
    for (const ws of [...noSheets.worksheets]) if (!ws.name.endsWith('(readme)')) noSheets.removeWorksheet(ws.id);
    const cases: [string, Uint8Array, number, string][] = [
      ['random bytes', Buffer.from('this is not a workbook at all'), 400, 'invalid-input'],
      ['a zip of something else', zip([['hello.txt', Buffer.from('hi')]]), 400, 'invalid-input'],
      [
        'a zip of broken XML',
        zip([
          ['[Content_Types].xml', Buffer.from('<Types><')],
          ['xl/workbook.xml', Buffer.from('<<<')],
        ]),
        400,
        'invalid-input',
      ],
      ['a workbook of something else (no format marker)', await save(plainWorkbook), 400, 'invalid-input'],
      [
        'a zip that unpacks to 40 MB',
        zip([['xl/sharedStrings.xml', Buffer.alloc(40 * 1024 * 1024, 32)]]),
        413,
        'payload-too-large',
      ],
      ['more than the 1 MB body limit', Buffer.alloc(1024 * 1024 + 1, 1), 413, 'payload-too-large'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const r = await postWorkbook(h, bytes, version);
      expect([r.status, r.body?.error?.code], `${name}: ${r.text.slice(0, 200)}`).toEqual([status, code]);
      expect(r.body.error.message.fa.length).toBeGreaterThan(0);
    }
    // Our workbook with its sheets deleted: a 422 listing the missing sheets, not a crash.
    const missing = await postWorkbook(h, await save(noSheets), version);
    expect(missing.status).toBe(422);
    expect((missing.body.problems as Json[]).map((p) => p.sheet)).toContain('خدمات (services)');

    const file = (await h.request('GET', `${base()}/export.json`, { as: 'admin' })).body;
    for (const [name, body] of [
      ['a wrong format marker', { ...file, format: 'something-else' }],
      ['a later format version', { ...file, formatVersion: 2 }],
      ['a bare configuration', file.config],
    ] as const) {
      const r = await h.request('POST', `${base()}/import?version=${version}`, { as: 'admin', body });
      expect([r.status, r.body.error.code], name).toEqual([400, 'invalid-input']);
    }
    const noVersion = await h.request('POST', `${base()}/import`, { as: 'admin', body: file });
    expect(noVersion.status).toBe(400);
    const textPlain = await postWorkbook(h, Buffer.from('x'), version, { type: 'text/csv' });
    expect(textPlain.status).toBe(415);
    // A workbook's type is taken by the import route only: every other route still wants JSON.
    for (const [method, path] of [
      ['PUT', base()],
      ['POST', `${base()}/services`],
    ] as const) {
      const r = await h.request(method, path, { as: 'admin', raw: 'PK', headers: { 'content-type': XLSX_TYPE } });
      expect([r.status, r.body.error.code], path).toEqual([415, 'unsupported-media-type']);
    }
    expect(await h.snapshot()).toEqual(snapshot);
  });
});

/** A zip file of stored (small) or deflated (large) entries, written by hand. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = data.length > 1024 ? deflateRawSync(data) : data;
    const method = data.length > 1024 ? 8 : 0;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
