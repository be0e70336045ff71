// Drives the pure engine without a store: decide, then fold the events in, as the queue service does.
import type { BranchConfig } from '@nobat/protocol';
import { type Command, type Decision, decide, type IndexedConfig, indexConfig } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import { applyAll, type DayState, emptyDay, type Ticket } from '../domain/state.ts';
import type { CommandInput } from '../queue/queue-service.ts';

/** 2026-11-22 09:00 Asia/Tehran (UTC+3:30). */
export const T0 = Date.UTC(2026, 10, 22, 5, 30);
export const MIN = 60_000;

export class Harness {
  ix: IndexedConfig;
  state: DayState;
  log: DomainEvent[] = [];
  now = T0;
  #ids = 0;

  constructor(config: BranchConfig) {
    this.ix = indexConfig(config);
    this.state = emptyDay('2026-11-22');
  }

  /** Decides and, when accepted, applies. */
  run(cmd: Command | CommandInput): Decision {
    const full: Command = cmd.type === 'issue' && !('ticketId' in cmd) ? { ...cmd, ticketId: `t${++this.#ids}` } : cmd;
    const d = decide(this.ix, this.state, full as Command, this.now);
    if (d.ok) {
      const base = this.state.version;
      applyAll(
        this.state,
        d.events.map((event, i) => ({ seq: base + i + 1, event })),
        this.ix.isPriorityClass,
      );
      this.log.push(...d.events);
    }
    return d;
  }

  /** Runs a command that must be accepted; returns the ticket it concerned. */
  ok(cmd: Parameters<Harness['run']>[0]): Ticket | null {
    const d = this.run(cmd);
    if (!d.ok) throw new Error(`refused ${cmd.type}: ${d.code} ${d.detail ?? ''}`);
    return d.ticketId ? (this.state.tickets.get(d.ticketId) ?? null) : null;
  }

  issue(serviceId: string, priorityId?: string, extra: { appointmentAt?: number; requestId?: string } = {}): Ticket {
    const t = this.ok({ type: 'issue', serviceId, priorityId, source: { kind: 'kiosk', kioskId: 'k' }, ...extra });
    if (!t) throw new Error('no ticket');
    return t;
  }

  open(counterId: string, clerkId: string): void {
    this.ok({ type: 'open', counterId, clerkId });
  }

  next(counterId: string, clerkId: string): Ticket | null {
    return this.ok({ type: 'callNext', counterId, clerkId });
  }

  /** Calls next and closes the visit at once (start, finish), returning the number called. */
  serveNext(counterId: string, clerkId: string): string | undefined {
    const t = this.next(counterId, clerkId);
    if (!t) return undefined;
    this.ok({ type: 'start', counterId, clerkId });
    this.ok({ type: 'finish', counterId, clerkId });
    return t.number;
  }

  advance(minutes: number): void {
    this.now += minutes * MIN;
  }
}
