// The floor plan page's state as a pure reducer: what the server has (version and configuration),
// the draft being edited, and the last failure. The draft is only ever replaced by the person (edit,
// discard, reload) or by a save or import the server accepted: a refused save keeps every edit, and
// a save refused as stale never overwrites the colleague's version.
import type { ApiError, Conflict } from '@nobat/client';
import type { BranchConfig, ConfigEnvelope } from '@nobat/protocol';

export interface FloorState {
  phase: 'loading' | 'ready' | 'failed';
  /** The configuration as the server last gave it. */
  base: ConfigEnvelope | null;
  draft: BranchConfig | null;
  saving: boolean;
  /** The last refusal or failure (load, save, import, copy); cleared by the next attempt. */
  error: ApiError | null;
  /** Set when a save was made on a stale version: who saved in between, and when. */
  conflict: Conflict | null;
  /** What just went well, for a short confirmation. */
  notice: 'saved' | 'imported' | 'copied' | 'discarded' | null;
}

export type FloorAction =
  | { type: 'loading' }
  | { type: 'loaded'; envelope: ConfigEnvelope }
  | { type: 'failed'; error: ApiError }
  | { type: 'edit'; edit: (cfg: BranchConfig) => BranchConfig }
  | { type: 'discard' }
  | { type: 'saving' }
  | { type: 'saved'; envelope: ConfigEnvelope }
  | { type: 'imported'; envelope: ConfigEnvelope }
  | { type: 'copied' }
  | { type: 'refused'; error: ApiError }
  | { type: 'dismiss' };

export const initialFloorState: FloorState = {
  phase: 'loading',
  base: null,
  draft: null,
  saving: false,
  error: null,
  conflict: null,
  notice: null,
};

export function floorReducer(state: FloorState, action: FloorAction): FloorState {
  switch (action.type) {
    case 'loading':
      return { ...state, phase: state.base ? state.phase : 'loading', error: null, notice: null };
    case 'loaded':
      return { ...initialFloorState, phase: 'ready', base: action.envelope, draft: action.envelope.config };
    case 'failed':
      return { ...state, phase: state.base ? state.phase : 'failed', saving: false, error: action.error };
    case 'edit':
      return state.draft ? { ...state, draft: action.edit(state.draft), notice: null } : state;
    case 'discard':
      return state.base ? { ...state, draft: state.base.config, error: null, notice: 'discarded' } : state;
    case 'saving':
      return { ...state, saving: true, error: null, notice: null };
    case 'saved':
      return {
        ...initialFloorState,
        phase: 'ready',
        base: action.envelope,
        draft: action.envelope.config,
        notice: 'saved',
      };
    case 'imported':
      return {
        ...initialFloorState,
        phase: 'ready',
        base: action.envelope,
        draft: action.envelope.config,
        notice: 'imported',
      };
    case 'copied':
      return { ...state, error: null, notice: 'copied' };
    case 'refused': {
      const e = action.error;
      const stale = e.status === 409 && e.code === 'version-conflict';
      return {
        ...state,
        saving: false,
        error: e,
        conflict: stale ? (e.conflict ?? { version: state.base?.version ?? 0, changed: null }) : state.conflict,
      };
    }
    case 'dismiss':
      return { ...state, notice: null, error: state.conflict ? state.error : null };
  }
}

/** Whether the draft differs from what the server has. */
export const isDirty = (state: Pick<FloorState, 'base' | 'draft'>): boolean =>
  state.base !== null && state.draft !== null && JSON.stringify(state.draft) !== JSON.stringify(state.base.config);

// ---- where a field of the configuration is edited on the page

export type FloorTab = 'groups' | 'services' | 'priorities' | 'counters' | 'bulk';
export type ServiceSection = 'general' | 'info' | 'workflow';
export interface Place {
  tab: FloorTab;
  service?: number;
  section?: ServiceSection;
}

/** The tab (and sub-service and section) where the field at a zod path is edited; null: not on this page. */
export function placeOf(path: string): Place | null {
  const [head, index, part] = path.split('.');
  switch (head) {
    case 'groups':
      return { tab: 'groups' };
    case 'priorities':
      return { tab: 'priorities' };
    case 'counters':
      return { tab: 'counters' };
    case 'services': {
      const service = Number(index);
      if (!Number.isInteger(service)) return { tab: 'services' };
      const section: ServiceSection = part === 'info' ? 'info' : part === 'workflow' ? 'workflow' : 'general';
      return { tab: 'services', service, section };
    }
    default:
      return null;
  }
}

/** The issues of a refusal that no field of this page shows (cross-record rules, other parts): for the banner. */
export const unplacedIssues = (error: ApiError | null): { path: string; message: string }[] =>
  (error?.issues ?? []).filter((i) => placeOf(i.path) === null);
