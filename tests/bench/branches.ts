// An organisation's server: N more branches, each a copy of the demo branch's configuration under
// its own id, with a kiosk device of its own, made through the admin API as an administrator would.
import type { BranchConfigInput, LoginResponse } from '@nobat/protocol';
import { getJson, type IssueTarget, postJson } from './api.ts';
import { BENCH_PASSWORD, BRANCH } from './shared.ts';

/** At most this many branches (a bound on the set-up loop). */
const MAX_BRANCHES = 500;

const benchBranchId = (i: number): string => `bench-${String(i).padStart(2, '0')}`;

/** Creates `count` branches (bench-01, bench-02, …) and a kiosk for each; returns where to issue. */
export async function createBranches(base: string, count: number): Promise<IssueTarget[]> {
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
  const targets: IssueTarget[] = [];
  for (let i = 1; i <= count; i++) {
    const branchId = benchBranchId(i);
    const config = structuredClone(demo.config);
    config.branch.id = branchId;
    config.branch.name = { fa: `${config.branch.name.fa} (${i})`, en: `${config.branch.name.en ?? 'Branch'} (${i})` };
    await postJson(base, '/api/v1/admin/branches', admin, { config });
    const { token } = await postJson<{ token: string }>(base, '/api/v1/admin/devices', admin, {
      id: `kiosk-${branchId}`,
      kind: 'kiosk',
      branchId,
      name: `kiosk ${i}`,
    });
    targets.push({ branchId, token });
  }
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
