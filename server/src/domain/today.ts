// Today's changes (rules TD1–TD6 of server/SPEC.md): a supervisor or admin changes a counter's
// sub-services and weights until a time, or closes a sub-service for the rest of the day. Each is an
// event in the branch-day log, so it ends with the day, and every process and replay sees it alike.
import { Refusal, type RefusalCode } from '@nobat/protocol';
import type { Decision, IndexedConfig } from './decide.ts';
import type { TodayEvent } from './events.ts';
import type { DayState } from './state.ts';

export type TodayCommand =
  | {
      type: 'assignToday';
      counterId: string;
      services: { serviceId: string; weight: number }[];
      /** Epoch ms; [TD2] the assignment is in force while now < until. */
      until: number;
      by: string;
    }
  | { type: 'clearToday'; counterId: string; by: string }
  | { type: 'closeServiceToday'; serviceId: string; by: string }
  | { type: 'reopenServiceToday'; serviceId: string; by: string };

const TODAY_COMMANDS = new Set<string>(['assignToday', 'clearToday', 'closeServiceToday', 'reopenServiceToday']);

export function isTodayCommand(cmd: { type: string }): cmd is TodayCommand {
  return TODAY_COMMANDS.has(cmd.type);
}

const refuse = (code: RefusalCode, detail?: string): Decision => ({ ok: false, code, detail });
const accept = (...events: TodayEvent[]): Decision => ({ ok: true, events, ticketId: null });

export function decideToday(ix: IndexedConfig, state: DayState, cmd: TodayCommand, now: number): Decision {
  switch (cmd.type) {
    case 'assignToday': {
      if (!ix.counters.has(cmd.counterId)) return refuse(Refusal.unknownCounter);
      // [TD3] Active sub-services of the branch, each once, weights of at least 1, until later than now.
      const seen = new Set<string>();
      for (const x of cmd.services) {
        if (!ix.services.get(x.serviceId)?.active) return refuse(Refusal.unknownService, x.serviceId);
        if (seen.has(x.serviceId) || !Number.isInteger(x.weight) || x.weight < 1) {
          return refuse(Refusal.invalidAssignment, x.serviceId);
        }
        seen.add(x.serviceId);
      }
      if (cmd.services.length === 0) return refuse(Refusal.invalidAssignment);
      if (!(cmd.until > now)) return refuse(Refusal.untilPassed);
      return accept({
        type: 'CounterAssignedForToday',
        at: now,
        counterId: cmd.counterId,
        services: cmd.services.map(({ serviceId, weight }) => ({ serviceId, weight })),
        until: cmd.until,
        by: cmd.by,
      });
    }
    case 'clearToday': {
      if (!ix.counters.has(cmd.counterId)) return refuse(Refusal.unknownCounter);
      if (!state.todayAssignments.has(cmd.counterId)) return accept(); // nothing to clear
      return accept({ type: 'CounterAssignmentCleared', at: now, counterId: cmd.counterId, by: cmd.by });
    }
    case 'closeServiceToday': {
      if (!ix.services.has(cmd.serviceId)) return refuse(Refusal.unknownService);
      if (state.closedServices.has(cmd.serviceId)) return accept(); // closed already
      return accept({ type: 'ServiceClosedForDay', at: now, serviceId: cmd.serviceId, by: cmd.by });
    }
    case 'reopenServiceToday': {
      if (!ix.services.has(cmd.serviceId)) return refuse(Refusal.unknownService);
      if (!state.closedServices.has(cmd.serviceId)) return accept(); // open already
      return accept({ type: 'ServiceReopened', at: now, serviceId: cmd.serviceId, by: cmd.by });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
