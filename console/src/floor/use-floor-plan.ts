// The floor plan page's state in one hook: load a branch's configuration, edit a draft of it, save
// it whole on the version it was loaded at, and keep every edit through a refusal. The page around
// it only renders what this hook holds.
import { ApiError } from '@nobat/client';
import { type BranchConfig, type ConfigEnvelope, type ImportResult, toPersianDigits } from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { type CopyRequest, createFloorApi, type FloorApi } from './api.ts';
import { type FloorState, floorReducer, initialFloorState, isDirty } from './state.ts';

export interface FloorPlan extends FloorState {
  dirty: boolean;
  edit(edit: (cfg: BranchConfig) => BranchConfig): void;
  save(): Promise<void>;
  discard(): void;
  /** Loads the server's current version; unsaved edits are dropped (the page asks first). */
  reload(): Promise<void>;
  importFile(file: File): Promise<ImportResult | null>;
  copy(body: CopyRequest): Promise<ConfigEnvelope | null>;
  dismiss(): void;
  api: FloorApi;
}

const asApiError = (e: unknown): ApiError => {
  if (e instanceof ApiError) return e;
  throw e;
};

export function useFloorPlan(branchId: string, api?: FloorApi): FloorPlan {
  const floorApi = useMemo(() => api ?? createFloorApi(), [api]);
  const [state, dispatch] = useReducer(floorReducer, initialFloorState);
  const dirty = useMemo(() => isDirty(state), [state.base, state.draft]);
  // Callbacks read the newest state without being remade on every keystroke.
  const latest = useRef(state);
  latest.current = state;

  const reload = useCallback(async () => {
    dispatch({ type: 'loading' });
    try {
      dispatch({ type: 'loaded', envelope: await floorApi.load(branchId) });
    } catch (e) {
      dispatch({ type: 'failed', error: asApiError(e) });
    }
  }, [branchId, floorApi]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = useCallback(async () => {
    const s = latest.current;
    // A stale draft is never sent again: the colleague's version stays until this one reloads.
    if (!s.base || !s.draft || s.saving || s.conflict) return;
    dispatch({ type: 'saving' });
    try {
      dispatch({ type: 'saved', envelope: await floorApi.save(branchId, s.base.version, s.draft) });
    } catch (e) {
      dispatch({ type: 'refused', error: asApiError(e) });
    }
  }, [branchId, floorApi]);

  const importFile = useCallback(
    async (file: File) => {
      const s = latest.current;
      if (!s.base) return null;
      dispatch({ type: 'saving' });
      try {
        const result = await floorApi.importFile(branchId, s.base.version, file);
        if (result.applied && result.envelope) dispatch({ type: 'imported', envelope: result.envelope });
        else dispatch({ type: 'failed', error: importRefusal(result) });
        return result;
      } catch (e) {
        dispatch({ type: 'refused', error: asApiError(e) });
        return null;
      }
    },
    [branchId, floorApi],
  );

  const copy = useCallback(
    async (body: CopyRequest) => {
      try {
        const created = await floorApi.copy(branchId, body);
        dispatch({ type: 'copied' });
        return created;
      } catch (e) {
        dispatch({ type: 'failed', error: asApiError(e) });
        return null;
      }
    },
    [branchId, floorApi],
  );

  return {
    ...state,
    dirty,
    edit: useCallback((edit) => dispatch({ type: 'edit', edit }), []),
    save,
    discard: useCallback(() => dispatch({ type: 'discard' }), []),
    reload,
    importFile,
    copy,
    dismiss: useCallback(() => dispatch({ type: 'dismiss' }), []),
    api: floorApi,
  };
}

/** A refused import as a failure the banner shows; its rows are listed by the import panel. */
function importRefusal(result: ImportResult): ApiError {
  const n = result.problems.length;
  return new ApiError(422, 'import-refused', {
    fa: `پرونده وارد نشد: ${toPersianDigits(n)} ایراد دارد. هیچ چیز تغییر نکرد.`,
    en: `The file was not imported: ${n} problem${n === 1 ? '' : 's'}. Nothing was changed.`,
  });
}
