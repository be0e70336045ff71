// Admin changes over HTTP: versioned saves (M2), the audit log (M3), the organisation tree (M4),
// copying a branch, users' counters and passwords (M6), devices' pairing and last-seen time (M7).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  newBranchConfig,
  OTHER_BRANCH,
  PASSWORD,
  spareService,
} from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

const ADMIN_BRANCH = `/api/v1/admin/branches/${BRANCH}`;
const envelope = async (branchId = BRANCH) =>
  (await h.request('GET', `/api/v1/admin/branches/${branchId}`, { as: 'admin' })).body;
const audit = async (query = '') => (await h.request('GET', `/api/v1/admin/audit${query}`, { as: 'admin' })).body;
/** The newest audit entry (after a change: the change's). */
const latest = async () => (await audit('?limit=1')).entries[0];
const ADMIN_ACTOR = { id: 'admin', name: 'مدیر سامانه', role: 'admin' };
const SUPERVISOR_ACTOR = { id: 'supervisor', name: 'سرپرست میز خدمت', role: 'supervisor' };

describe('[M2] versioned saves', () => {
  it('every view carries its version and last change (who, when)', async () => {
    const before = await envelope();
    expect(before).toMatchObject({ version: 1, changed: null });
    const { config } = before;
    config.branch.name.en = 'Renamed';
    h.advance(60_000);
    const saved = await h.request('PUT', ADMIN_BRANCH, { as: 'supervisor', body: { version: 1, config } });
    expect(saved.status, saved.text).toBe(200);
    const stamp = { by: { id: 'supervisor', name: 'سرپرست میز خدمت' }, at: new Date(h.now()).toISOString() };
    expect(saved.body).toMatchObject({ version: 2, changed: stamp });
    expect(await envelope()).toMatchObject({ version: 2, changed: stamp });
    const listed = (await h.request('GET', '/api/v1/admin/branches', { as: 'admin' })).body;
    expect(listed.find((b: Json) => b.id === BRANCH)).toMatchObject({ version: 2, changed: stamp });
  });

  it('a save on a stale version is refused 409, naming who changed it and when (HH:MM local), and changes nothing', async () => {
    const { config } = await envelope();
    // The supervisor saves at 09:00 Tehran (T0); the admin's edit was made on version 1.
    config.branch.name.en = 'The supervisor’s';
    expect((await h.request('PUT', ADMIN_BRANCH, { as: 'supervisor', body: { version: 1, config } })).status).toBe(200);
    const stored = await envelope();
    const log = await audit();
    const stale = { ...config, branch: { ...config.branch, name: { fa: 'نام مدیر', en: 'The admin’s' } } };
    h.advance(5 * 60_000);
    const r = await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config: stale } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'version-conflict',
      conflict: { version: 2, changed: { by: { id: 'supervisor', name: 'سرپرست میز خدمت' }, at: stored.changed.at } },
    });
    expect(r.body.error.message.en).toBe('Changed by سرپرست میز خدمت at 09:00 — reload and try again.');
    expect(r.body.error.message.fa).toContain('۰۹:۰۰');
    expect(r.body.error.message.fa).toContain('سرپرست میز خدمت');
    expect(await envelope()).toEqual(stored);
    expect(await audit()).toEqual(log);
  });

  it('a delete naming a stale version is refused, and the record stays', async () => {
    const { config } = await envelope();
    expect((await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config } })).status).toBe(200);
    const stale = await h.request('DELETE', `${ADMIN_BRANCH}?version=1`, { as: 'admin' });
    expect([stale.status, stale.body.error.conflict?.version]).toEqual([409, 2]);
    expect((await envelope()).version).toBe(2);
    expect((await h.request('DELETE', `${ADMIN_BRANCH}?version=2`, { as: 'admin' })).status).toBe(200);
  });

  it('the time in the conflict message is the branch’s local time', async () => {
    const { config } = await envelope();
    config.branch.timeZone = 'Europe/London';
    expect((await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config } })).status).toBe(200);
    const r = await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config } });
    expect(r.body.error.message.en).toBe('Changed by مدیر سامانه at 05:30 — reload and try again.');
  });

  it('[M1] an invalid configuration is refused 422 with each issue at its path in the saved value; nothing changes', async () => {
    const before = await envelope();
    const log = await audit();
    const broken = structuredClone(before.config);
    broken.services[0].numbering.to = -1;
    broken.branch.openingHours[0].close = '25:00';
    broken.branch.openingHours.push({ days: ['sat'], open: '14:00', close: '08:00' });
    broken.counters[1].services[0].serviceId = 'no-such-service';
    const r = await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config: broken } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid-config');
    const paths = r.body.error.issues.map((i: Json) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['services.0.numbering.to', 'branch.openingHours.0.close', 'branch.openingHours.1.close']),
    );
    // Cross-record problems (M1) come once the records themselves are sound, at their own field.
    broken.services[0].numbering.to = 1999;
    broken.branch.openingHours[0].close = '24:00';
    broken.branch.openingHours.pop();
    const cross = await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version: 1, config: broken } });
    expect(cross.body.error.issues).toEqual([
      {
        path: 'counters.1.services.0.serviceId',
        message: 'counter "counter-2" serves unknown service "no-such-service"',
      },
    ]);
    expect(await envelope()).toEqual(before);
    expect(await audit()).toEqual(log);
  });

  it('a user change made on a stale version is refused, the branch’s clerk list untouched', async () => {
    const users = (await h.request('GET', '/api/v1/admin/users', { as: 'admin' })).body;
    expect(users.find((u: Json) => u.id === 'clerk2').version).toBe(1);
    const first = await h.request('PATCH', '/api/v1/admin/users/clerk2', {
      as: 'admin',
      body: { version: 1, name: 'نام یکم' },
    });
    expect([first.status, first.body.version]).toEqual([200, 2]);
    const branch = await envelope();
    const r = await h.request('PATCH', '/api/v1/admin/users/clerk2', {
      as: 'supervisor',
      body: { version: 1, name: 'نام دوم' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.conflict).toMatchObject({ version: 2, changed: { by: { id: 'admin' } } });
    expect(await envelope()).toEqual(branch);
  });
});

describe('[M3] the audit log records every admin change', () => {
  it('who, when, from where, what: a branch update with its changed paths, before and after', async () => {
    const { config } = await envelope();
    config.services[0].dailyCap = 77;
    h.advance(90_000);
    const r = await h.request('PUT', ADMIN_BRANCH, {
      as: 'admin',
      body: { version: 1, config },
      address: '203.0.113.9',
    });
    expect(r.status).toBe(200);
    const e = await latest();
    expect(e).toMatchObject({
      at: new Date(h.now()).toISOString(),
      actor: ADMIN_ACTOR,
      address: '203.0.113.9',
      action: 'update',
      target: { kind: 'branch', id: BRANCH },
      branchId: BRANCH,
      fromVersion: 1,
      toVersion: 2,
      changes: ['services.0.dailyCap'],
    });
    expect(e.before.services[0].dailyCap).toBeNull();
    expect(e.after.services[0].dailyCap).toBe(77);
    expect(e.after.changed).toBeUndefined();
  });

  it('organisations and provincial offices: create, update, delete', async () => {
    const org = { id: 'org-x', name: { fa: 'سازمان ایکس' } };
    const office = { id: 'office-x', organisationId: 'org-x', name: { fa: 'ادارهٔ ایکس' } };
    const steps: [string, string, Json, string][] = [
      ['POST', '/api/v1/admin/organisations', { version: 0, value: org }, 'create'],
      ['PUT', '/api/v1/admin/organisations/org-x', { version: 1, value: { ...org, name: { fa: 'نو' } } }, 'update'],
      ['POST', '/api/v1/admin/provincial-offices', { version: 0, value: office }, 'create'],
      [
        'PUT',
        '/api/v1/admin/provincial-offices/office-x',
        { version: 1, value: { ...office, name: { fa: 'نو' } } },
        'update',
      ],
      ['DELETE', '/api/v1/admin/provincial-offices/office-x?version=2', undefined, 'delete'],
      ['DELETE', '/api/v1/admin/organisations/org-x', undefined, 'delete'],
    ];
    for (const [method, path, body, action] of steps) {
      const r = await h.request(method, path, { as: 'admin', ...(body ? { body } : {}) });
      expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
      const kind = path.includes('organisations') ? 'organisation' : 'provincial-office';
      const e = await latest();
      expect(e, `${method} ${path}`).toMatchObject({ action, actor: ADMIN_ACTOR, target: { kind }, branchId: null });
      if (action === 'update') expect(e.changes).toEqual(['name.fa']);
      if (action === 'delete') expect([e.after, e.toVersion]).toEqual([null, null]);
      if (action === 'create') expect([e.before, e.fromVersion, e.toVersion]).toEqual([null, null, 1]);
    }
    expect((await audit('?kind=organisation&targetId=org-x')).entries.map((e: Json) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
  });

  it('branches: create, update, copy, delete; services and counters one by one (by a supervisor too)', async () => {
    const expectEntry = async (who: Json, action: string, branchId: string, changes?: string[]) => {
      const e = await latest();
      expect(e).toMatchObject({ actor: who, action, target: { kind: 'branch', id: branchId }, branchId });
      if (changes) expect(e.changes).toEqual(changes);
      return e;
    };
    expect(
      (await h.request('POST', '/api/v1/admin/branches', { as: 'admin', body: { config: newBranchConfig('b-new') } }))
        .status,
    ).toBe(201);
    await expectEntry(ADMIN_ACTOR, 'create', 'b-new');
    const copy = await h.request('POST', '/api/v1/admin/branches/b-new/copy', {
      as: 'admin',
      body: { id: 'b-copy', name: { fa: 'رونوشت' } },
    });
    expect(copy.status).toBe(201);
    await expectEntry(ADMIN_ACTOR, 'copy', 'b-copy');
    expect((await h.request('DELETE', '/api/v1/admin/branches/b-copy', { as: 'admin' })).status).toBe(200);
    await expectEntry(ADMIN_ACTOR, 'delete', 'b-copy');

    const services = `${ADMIN_BRANCH}/services`;
    expect((await h.request('POST', services, { as: 'supervisor', body: spareService() })).status).toBe(201);
    await expectEntry(SUPERVISOR_ACTOR, 'update', BRANCH, ['services.8']);
    const changed = spareService('spare', { dailyCap: 12 });
    expect((await h.request('PUT', `${services}/spare`, { as: 'supervisor', body: changed })).status).toBe(200);
    await expectEntry(SUPERVISOR_ACTOR, 'update', BRANCH, ['services.8.dailyCap']);
    expect((await h.request('DELETE', `${services}/spare`, { as: 'supervisor' })).status).toBe(200);
    await expectEntry(SUPERVISOR_ACTOR, 'update', BRANCH, ['services.8']);

    const counters = `${ADMIN_BRANCH}/counters`;
    const counter = { id: 'counter-9', number: 9, title: { fa: 'باجهٔ ۹' }, services: [{ serviceId: 'finance' }] };
    expect((await h.request('POST', counters, { as: 'admin', body: counter })).status).toBe(201);
    await expectEntry(ADMIN_ACTOR, 'update', BRANCH, ['counters.6']);
    const heavier = { ...counter, services: [{ serviceId: 'finance', weight: 4 }] };
    expect((await h.request('PUT', `${counters}/counter-9`, { as: 'admin', body: heavier })).status).toBe(200);
    await expectEntry(ADMIN_ACTOR, 'update', BRANCH, ['counters.6.services.0.weight']);
    expect((await h.request('DELETE', `${counters}/counter-9`, { as: 'admin' })).status).toBe(200);
    const e = await expectEntry(ADMIN_ACTOR, 'update', BRANCH, ['counters.6']);
    expect(e.before.counters[6].id).toBe('counter-9');
  });

  it('users: create, update, reset-password, disable, delete, with no password hash or epoch in it', async () => {
    const users = '/api/v1/admin/users';
    const create = { username: 'clerk7', name: 'کارمند هفت', role: 'clerk', branchId: BRANCH, password: 'password-7' };
    const steps: [string, string, Json, string, string[] | undefined][] = [
      ['POST', users, create, 'create', undefined],
      ['PATCH', `${users}/clerk7`, { name: 'کارمند ۷' }, 'update', ['name']],
      [
        'PATCH',
        `${users}/clerk7`,
        { password: 'another-password' },
        'reset-password',
        // Still one-time since its creation (M6): only the password changes.
        ['password'],
      ],
      ['PATCH', `${users}/clerk7`, { active: false }, 'update', ['active']],
      ['DELETE', `${users}/clerk7`, undefined, 'delete', undefined],
    ];
    for (const [method, path, body, action, changes] of steps) {
      const r = await h.request(method, path, { as: 'supervisor', ...(body ? { body } : {}) });
      expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
      const [e] = (await audit('?kind=user&limit=1')).entries;
      expect(e).toMatchObject({
        action,
        actor: SUPERVISOR_ACTOR,
        target: { kind: 'user', id: 'clerk7' },
        branchId: BRANCH,
      });
      if (changes) expect(e.changes.sort()).toEqual(changes);
    }
    const log = JSON.stringify(await audit('?limit=200'));
    expect(log).not.toMatch(/passwordHash|argon2|epoch/);
  });

  it('devices: create and revoke, with no token or its hash in it', async () => {
    const r = await h.request('POST', '/api/v1/admin/devices', {
      as: 'admin',
      body: { id: 'display-9', kind: 'display', branchId: BRANCH, name: 'نمایشگر ۹' },
    });
    expect(r.status).toBe(201);
    expect(await latest()).toMatchObject({
      action: 'create',
      target: { kind: 'device', id: 'display-9' },
      branchId: BRANCH,
    });
    expect((await h.request('DELETE', '/api/v1/admin/devices/display-9', { as: 'admin' })).status).toBe(200);
    const e = await latest();
    expect(e).toMatchObject({
      action: 'revoke',
      target: { kind: 'device', id: 'display-9' },
      fromVersion: 1,
      toVersion: null,
    });
    expect(e.before).toMatchObject({ name: 'نمایشگر ۹', kind: 'display' });
    const log = JSON.stringify(await audit('?limit=200'));
    expect(log).not.toMatch(/secretHash/);
    expect(log).not.toContain(r.body.token.split('.')[1]);
  });

  it('pages newest first with a cursor; a cursor it never gave → 400', async () => {
    for (let i = 1; i <= 5; i++) {
      await h.request('PATCH', '/api/v1/admin/users/clerk3', { as: 'admin', body: { name: `نام ${i}` } });
    }
    const first = await audit('?kind=user&targetId=clerk3&limit=3');
    expect(first.entries.map((e: Json) => e.after.name)).toEqual(['نام 5', 'نام 4', 'نام 3']);
    const second = await audit(`?kind=user&targetId=clerk3&limit=3&before=${first.next}`);
    expect(second.entries.map((e: Json) => e.after.name)).toEqual(['نام 2', 'نام 1']);
    expect(second.next).toBeNull();
    const bad = await h.request('GET', '/api/v1/admin/audit?before=zzz', { as: 'admin' });
    expect([bad.status, bad.body.error.issues[0].path]).toEqual([400, 'before']);
  });
});

describe('[M4] the organisation tree', () => {
  it('a branch must name an existing organisation and one of its provincial offices (create and move)', async () => {
    const create = (config: Json) => h.request('POST', '/api/v1/admin/branches', { as: 'admin', body: { config } });
    const noOrg = newBranchConfig('b-x');
    noOrg.branch.organisationId = 'nope';
    const r1 = await create(noOrg);
    expect(r1.status).toBe(422);
    expect(r1.body.error.issues.map((i: Json) => i.path)).toEqual([
      'branch.organisationId',
      'branch.provincialOfficeId',
    ]);
    await h.request('POST', '/api/v1/admin/organisations', {
      as: 'admin',
      body: { version: 0, value: { id: 'other-org', name: { fa: 'سازمان دیگر' } } },
    });
    const wrongOffice = newBranchConfig('b-x');
    wrongOffice.branch.organisationId = 'other-org';
    const r2 = await create(wrongOffice);
    expect(r2.body.error.issues).toEqual([
      { path: 'branch.provincialOfficeId', message: 'the provincial office belongs to another organisation' },
    ]);
    expect((await h.request('GET', '/api/v1/admin/branches/b-x', { as: 'admin' })).status).toBe(404);

    // Moving the demo branch to the second branch's office: an admin may, into an office that exists.
    const { version, config } = await envelope();
    const move = (provincialOfficeId: string, as: 'admin' | 'supervisor', v = version) =>
      h.request('PUT', ADMIN_BRANCH, {
        as,
        body: { version: v, config: { ...config, branch: { ...config.branch, provincialOfficeId } } },
      });
    expect((await move('no-such-office', 'admin')).status).toBe(422);
    expect((await move('tehran', 'supervisor')).status).toBe(403);
    expect((await move('tehran', 'admin')).status).toBe(200);
  });

  it('an organisation with offices, or an office with branches, is not deleted (409 in-use)', async () => {
    const org = await h.request('DELETE', '/api/v1/admin/organisations/sso', { as: 'admin' });
    expect([org.status, org.body.error.code]).toEqual([409, 'in-use']);
    const office = await h.request('DELETE', '/api/v1/admin/provincial-offices/tehran', { as: 'admin' });
    expect([office.status, office.body.error.code]).toEqual([409, 'in-use']);
    const offices = (await h.request('GET', '/api/v1/admin/provincial-offices', { as: 'admin' })).body;
    expect(offices.map((o: Json) => o.value.id).sort()).toEqual(['sso-tehran', 'tehran']);
  });

  it('an office names an existing organisation; a stale save and a mismatched id are refused', async () => {
    const post = await h.request('POST', '/api/v1/admin/provincial-offices', {
      as: 'admin',
      body: { version: 0, value: { id: 'x', organisationId: 'nope', name: { fa: 'x' } } },
    });
    expect([post.status, post.body.error.issues[0].path]).toEqual([422, 'organisationId']);
    const value = { id: 'sso', name: { fa: 'تأمین' } };
    expect(
      (await h.request('PUT', '/api/v1/admin/organisations/sso', { as: 'admin', body: { version: 1, value } })).status,
    ).toBe(200);
    const stale = await h.request('PUT', '/api/v1/admin/organisations/sso', {
      as: 'admin',
      body: { version: 1, value },
    });
    expect([stale.status, stale.body.error.conflict.version]).toEqual([409, 2]);
    const other = await h.request('PUT', '/api/v1/admin/organisations/sso', {
      as: 'admin',
      body: { version: 2, value: { ...value, id: 'other' } },
    });
    expect(other.status).toBe(400);
  });
});

describe('[M8] copying a branch', () => {
  it('copies groups, services, counters, priorities, settings, hours and holidays; not clerks', async () => {
    const { version, config } = await envelope();
    config.branch.holidays = ['2026-03-21'];
    await h.request('PUT', ADMIN_BRANCH, { as: 'admin', body: { version, config } });
    const r = await h.request('POST', `${ADMIN_BRANCH}/copy`, {
      as: 'admin',
      body: { id: 'b-copy', name: { fa: 'شعبهٔ ۱۵', en: 'Branch 15' }, provincialOfficeId: 'sso-tehran' },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.body.version).toBe(1);
    const copy = r.body.config;
    expect(copy.branch).toEqual({ ...config.branch, id: 'b-copy', name: { fa: 'شعبهٔ ۱۵', en: 'Branch 15' } });
    for (const part of ['groups', 'services', 'counters', 'priorities']) expect(copy[part]).toEqual(config[part]);
    expect(copy.clerks).toEqual([]);
    expect((await h.request('GET', '/api/v1/branches/b-copy/services')).status).toBe(200);
    const again = await h.request('POST', `${ADMIN_BRANCH}/copy`, {
      as: 'admin',
      body: { id: OTHER_BRANCH, name: { fa: 'x' } },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'exists']);
  });
});

describe('[M6] users', () => {
  const login = (username: string, password: string) =>
    h.request('POST', '/api/v1/auth/login', { body: { username, password } });
  /** Signs in with a password an admin set, which is one-time (M6): the user chooses their own first. */
  const firstLogin = async (username: string, password: string) => {
    const first = await login(username, password);
    expect(first.body.mustChangePassword).toBe(true);
    const own = `${password}-mine`;
    const changed = await h.request('POST', '/api/v1/auth/password', {
      token: first.body.token,
      body: { current: password, new: own },
    });
    expect(changed.status, changed.text).toBe(200);
    return changed;
  };

  it('a clerk’s counters are kept in the branch’s clerk list, checked against its counters', async () => {
    const made = await h.request('POST', '/api/v1/admin/users', {
      as: 'supervisor',
      body: {
        username: 'clerk7',
        name: 'هفت',
        role: 'clerk',
        branchId: BRANCH,
        password: 'password-7',
        counters: ['counter-4'],
      },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.counters).toEqual(['counter-4']);
    expect((await envelope()).config.clerks.find((k: Json) => k.id === 'clerk7').counters).toEqual(['counter-4']);
    const signedIn = await firstLogin('clerk7', 'password-7');
    const open = (counter: string) =>
      h.request('POST', `/api/v1/counters/${counter}/open`, { token: signedIn.body.token });
    expect((await open('counter-3')).body.error.code).toBe('counter-not-allowed');

    const unknown = await h.request('PATCH', '/api/v1/admin/users/clerk7', {
      as: 'admin',
      body: { counters: ['counter-4', 'c1'] },
    });
    expect([unknown.status, unknown.body.error.issues]).toEqual([
      400,
      [{ path: 'counters.1', message: 'unknown counter "c1"' }],
    ]);
    const any = await h.request('PATCH', '/api/v1/admin/users/clerk7', { as: 'admin', body: { counters: null } });
    expect(any.body.counters).toBeUndefined();
    expect((await open('counter-3')).status).toBe(200);
    const listed = (await h.request('GET', `/api/v1/admin/users?branchId=${BRANCH}`, { as: 'admin' })).body;
    expect(listed.every((u: Json) => u.branchId === BRANCH)).toBe(true);
  });

  it('a clerk deleted or moved leaves their branch’s clerk list, but not while at a counter there (409)', async () => {
    const clerks = async (branchId = BRANCH) => (await envelope(branchId)).config.clerks.map((k: Json) => k.id);
    expect(await clerks()).toContain('clerk3');
    expect((await h.request('DELETE', '/api/v1/admin/users/clerk3', { as: 'admin' })).status).toBe(200);
    expect(await clerks()).not.toContain('clerk3');

    expect((await h.request('POST', '/api/v1/counters/counter-2/open', { as: 'clerk2' })).status).toBe(200);
    const busy = await h.request('PATCH', '/api/v1/admin/users/clerk2', {
      as: 'admin',
      body: { branchId: OTHER_BRANCH },
    });
    expect([busy.status, busy.body.error.code]).toEqual([409, 'in-use']);
    expect((await h.request('POST', '/api/v1/counters/counter-2/close', { as: 'clerk2' })).status).toBe(200);
    const moved = await h.request('PATCH', '/api/v1/admin/users/clerk2', {
      as: 'admin',
      body: { branchId: OTHER_BRANCH },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(await clerks()).not.toContain('clerk2');
    expect(await clerks(OTHER_BRANCH)).toContain('clerk2');
  });

  it('a password an admin sets is one-time, and ends the user’s sessions', async () => {
    const r = await h.request('PATCH', '/api/v1/admin/users/clerk4', {
      as: 'admin',
      body: { password: 'temporary-pass' },
    });
    expect(r.body.mustChangePassword).toBe(true);
    expect((await h.request('GET', '/api/v1/auth/me', { as: 'clerk4' })).status).toBe(401);
    const signedIn = await login('clerk4', 'temporary-pass');
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const desk = await h.request('GET', '/api/v1/clerks/me/desk', { token: signedIn.body.token });
    expect(desk.body.error.code).toBe('password-change-required');
    // The API's documentation is public, one-time password or not.
    expect((await h.request('GET', '/api/docs', { token: signedIn.body.token })).status).toBe(200);
    expect((await h.request('GET', '/api/openapi.json', { token: signedIn.body.token })).status).toBe(200);
  });

  it('disabling a user ends their sessions and sign-in; nobody disables themselves', async () => {
    expect((await h.request('GET', '/api/v1/auth/me', { as: 'clerk5' })).status).toBe(200);
    const r = await h.request('PATCH', '/api/v1/admin/users/clerk5', { as: 'supervisor', body: { active: false } });
    expect([r.status, r.body.active]).toEqual([200, false]);
    expect((await h.request('GET', '/api/v1/auth/me', { as: 'clerk5' })).status).toBe(401);
    expect((await login('clerk5', PASSWORD)).status).toBe(401);
    const self = await h.request('PATCH', '/api/v1/admin/users/admin', { as: 'admin', body: { active: false } });
    expect(self.status).toBe(403);
  });
});

describe('[M7] devices', () => {
  it('a kiosk or display gets a pairing link to its page with the token; a bridge none', async () => {
    const make = (id: string, kind: string) =>
      h.request('POST', '/api/v1/admin/devices', { as: 'admin', body: { id, kind, branchId: BRANCH, name: id } });
    const display = await make('display-9', 'display');
    expect(display.body.pairingUrl).toBe(`http://nobat.test/display/?token=${encodeURIComponent(display.body.token)}`);
    const bridge = await make('bridge-9', 'bridge');
    expect(bridge.body.pairingUrl).toBeNull();
  });

  it('last seen: set by an authenticated call, written at most once a minute', async () => {
    const seen = async () =>
      (await h.request('GET', '/api/v1/admin/devices', { as: 'admin' })).body.find((d: Json) => d.id === 'kiosk-1')
        .lastSeenAt;
    expect(await seen()).toBeNull();
    await h.issue('finance');
    const first = new Date(h.now()).toISOString();
    expect(await seen()).toBe(first);
    h.advance(30_000);
    await h.issue('finance');
    expect(await seen()).toBe(first);
    h.advance(31_000);
    await h.issue('finance');
    expect(await seen()).toBe(new Date(h.now()).toISOString());
    // A supervisor sees it too; the device record itself did not change (seeing is not configuration).
    const record = await h.store.getRecord('device', 'kiosk-1');
    expect(record?.version).toBe(1);
  });
});
