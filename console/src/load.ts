// Loading what a page shows: the answer, or the failure to show in its place, and a reload (after a
// conflict, or a save elsewhere on the page).
import { ApiError, path } from '@nobat/client';
import type { SessionUser } from '@nobat/protocol';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { api, BranchListItem, ConfigEnvelope } from './api.ts';

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * The branches the user may manage: an admin all of them, a supervisor theirs. (Before the branch
 * list route exists on a server, a supervisor's own branch is read from its configuration.)
 */
export async function loadBranches(user: SessionUser): Promise<BranchListItem[]> {
  try {
    return await api.get(z.array(BranchListItem), '/api/v1/admin/branches');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404 || !user.branchId) throw err;
    const env = await api.get(ConfigEnvelope, path('/api/v1/admin/branches', user.branchId));
    const b = env.config.branch;
    return [
      {
        id: b.id,
        name: b.name,
        type: b.type,
        organisationId: b.organisationId,
        provincialOfficeId: b.provincialOfficeId,
        version: env.version,
        changed: env.changed,
      },
    ];
  }
}
