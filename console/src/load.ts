// Loading what a page shows: the answer, or the failure to show in its place, and a reload (after a
// conflict, or a save elsewhere on the page).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { api, BranchListItem } from './api.ts';

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

/** The branches the user may manage: an admin all of them, a supervisor theirs (the server decides, M5). */
export function loadBranches(): Promise<BranchListItem[]> {
  return api.get(z.array(BranchListItem), '/api/v1/admin/branches');
}
