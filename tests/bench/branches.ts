// An organisation's server: N more branches, each a copy of the demo branch's configuration under
// its own id, with a kiosk device of its own, made through the admin API as an administrator would.
import { createHash, randomBytes } from 'node:crypto';
import type { BranchConfigInput, LoginResponse } from '@nobat/protocol';
import type { UserRecord } from '../../server/src/auth/auth.ts';
import { openStore } from '../../server/src/store/open.ts';
import { getJson, type IssueTarget, postJson } from './api.ts';
import { BENCH_PASSWORD, BRANCH } from './shared.ts';

type StoreEnv = Parameters<typeof openStore>[0];

/** At most this many branches (a bound on the set-up loop). */
const MAX_BRANCHES = 500;

const benchBranchId = (i: number): string => `bench-${String(i).padStart(2, '0')}`;

/** A clerk of a bench branch who staffs one counter, with a session. */
export interface BenchClerk {
  username: string;
  counterId: string;
  token: string;
}
/** Where to issue in a bench branch, and its clerks (when asked for). */
export interface BenchBranch extends IssueTarget {
  clerks: BenchClerk[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The clerks' users and sessions straight into the store, as a sign-in would write them (with the
 * admin's password hash): argon2 for a hundred and fifty sign-ins would take minutes of the server.
 */
async function seedClerks(storeEnv: StoreEnv, branches: readonly BenchBranch[]): Promise<void> {
  const store = openStore(storeEnv);
  try {
    const admin = await store.getRecord<UserRecord>('user', 'admin');
    if (!admin) throw new Error('createBranches: no admin user in the store');
    const expiresAt = Date.now() + 12 * 3_600_000;
    for (const b of branches) {
      for (const k of b.clerks) {
        const epoch = randomBytes(8).toString('base64url');
        const user: UserRecord = {
          id: k.username,
          username: k.username,
          name: `clerk ${k.counterId}`,
          role: 'clerk',
          branchId: b.branchId,
          passwordHash: admin.value.passwordHash,
          active: true,
          epoch,
        };
        if (!(await store.putRecord('user', k.username, user, 0)).ok) throw new Error(`user ${k.username} exists`);
        await store.putRecord('session', sha256(k.token), { userId: k.username, epoch, expiresAt }, 0, { expiresAt });
      }
    }
  } finally {
    await store.close();
  }
}

/**
 * Creates `count` branches (bench-01, bench-02, …) and a kiosk for each, and in each a clerk for every
 * counter of `counters` (none by default); returns where to issue and who calls.
 */
export async function createBranches(
  base: string,
  count: number,
  counters: readonly string[] = [],
  storeEnv?: StoreEnv,
): Promise<BenchBranch[]> {
  if (counters.length > 0 && !storeEnv) throw new Error('createBranches: clerks need the store');
  if (count < 1 || count > MAX_BRANCHES) throw new Error(`createBranches: ${count} branches is out of range`);
  const { token: admin } = await postJson<LoginResponse>(base, '/api/v1/auth/login', undefined, {
    username: 'admin',
    password: BENCH_PASSWORD,
  });
  const demo = await getJson<{ version: number; config: BranchConfigInput }>(
    base,
    `/api/v1/admin/branches/${BRANCH}`,
    admin,
  );
  const targets: BenchBranch[] = [];
  for (let i = 1; i <= count; i++) {
    const branchId = benchBranchId(i);
    const config = structuredClone(demo.config);
    config.branch.id = branchId;
    config.branch.name = { fa: `${config.branch.name.fa} (${i})`, en: `${config.branch.name.en ?? 'Branch'} (${i})` };
    // One clerk per counter asked for, who may staff only it (C4).
    const clerks: BenchClerk[] = counters.map((counterId) => ({
      username: `${branchId}-${counterId}`,
      counterId,
      token: randomBytes(32).toString('base64url'),
    }));
    config.clerks = clerks.map((k) => ({ id: k.username, name: `clerk ${k.counterId}`, counters: [k.counterId] }));
    await postJson(base, '/api/v1/admin/branches', admin, { config });
    const { token } = await postJson<{ token: string }>(base, '/api/v1/admin/devices', admin, {
      id: `kiosk-${branchId}`,
      kind: 'kiosk',
      branchId,
      name: `kiosk ${i}`,
    });
    targets.push({ branchId, token, clerks });
  }
  if (storeEnv && counters.length > 0) await seedClerks(storeEnv, targets);
  return targets;
}

/** Waiting tickets in each branch, as the public sub-service list counts them. */
export async function waitingPerBranch(base: string, targets: readonly IssueTarget[]): Promise<number[]> {
  const counts: number[] = [];
  for (const { branchId } of targets) {
    const services = await getJson<{ waiting: number }[]>(base, `/api/v1/branches/${branchId}/services`);
    counts.push(services.reduce((sum, s) => sum + s.waiting, 0));
  }
  return counts;
}
