// What the province runner hands its load generators, and what they hand back (JSON files).
import type { WireHistogram } from './histogram.ts';
import type { Span } from './model.ts';

export type Routing = 'mixed' | 'branch';

export const OPERATIONS = [
  'issue',
  'open',
  'call-next',
  'call-next (empty)',
  'call (parked back)',
  'recall',
  'start',
  'finish',
  'no-show',
  'transfer',
  'park',
  'pause',
  'resume',
  'services (read)',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface SetupBranch {
  index: number;
  branchId: string;
  /** The model's expected visitors a day (BranchPlan.daily). */
  daily: number;
  kioskToken: string;
  counters: { counterId: string; clerkToken: string; services: string[] }[];
}

export interface GeneratorSetup {
  seed: number;
  speed: number;
  span: Span;
  /** Simulated minutes per window of the time series. */
  windowMinutes: number;
  servers: string[];
  routing: Routing;
  branches: SetupBranch[];
}

export interface WindowStats {
  /** Per operation: its latencies in the window (by the request's start). */
  ops: Partial<Record<Operation, WireHistogram>>;
  /** The generator's event-loop delay in the window, ms. */
  loopDelay: { p50: number; p99: number; max: number };
  /** The generator's CPU time in the window / the window's wall time. */
  cpu: number;
}

export interface GeneratorResult {
  ops: Partial<Record<Operation, WireHistogram>>;
  /** Per operation: `<status> <code>` → count, for every answer that was not 2xx. */
  errors: Partial<Record<Operation, Record<string, number>>>;
  windows: WindowStats[];
  /** Ticket ids the server acknowledged issuing, by branch. */
  acknowledged: Record<string, string[]>;
  /**
   * A call answered with a ticket this generator's mirror still had at another counter. Informational:
   * after a lost answer the mirror can be stale; the stored log (invariants.ts) is what is checked.
   */
  clientDoubleCalls: string[];
  /** Tickets ended by the clients' own repair after a lost or refused answer. */
  recoveries: number;
  scheduled: number;
  /** Issues due while the span ran but not sent (the span ended first). */
  unsent: number;
}
