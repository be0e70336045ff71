// From the log to the screens: every batch of events written becomes calls, counter and ticket changes
// for the audiences that show them, and a throttled refresh of queue counts and tracking pages.
import { type DomainEvent, recentCallOf, type StoredEvent } from '../domain/index.ts';
import type { BranchDay } from '../queue/queue-service.ts';
import { callPayload, counterSummary, queueCounts, staffTicket, tracking } from '../queue/views.ts';
import { reportFailure } from './failures.ts';
import { type Hub, rooms } from './hub.ts';
import { keyedThrottle } from './throttle.ts';

/** [PF2] Queue counts and tracking pages are refreshed at most this often per branch (ms). */
export const QUEUE_REFRESH_MS = 1000;

export function attachFanout(
  hub: Hub,
  pages: { refreshLocal: (branchId: string, day: BranchDay) => void },
): () => void {
  const { display, toStaff, kiosk, track, bridge, deps } = hub;
  const { queue } = deps;
  const refreshLocalTracking = pages.refreshLocal;

  /**
   * Queue counts and every tracked ticket of a branch, at most once per throttle window ([PF2]: 1 s by
   * default; each refresh estimates every sub-service, a replay of the queue each).
   */
  const refresh = keyedThrottle(
    deps.throttleMs ?? QUEUE_REFRESH_MS,
    async (branchId) => {
      const day = await queue.view(branchId);
      if (!day) return;
      const counts = queueCounts(day.ix, day.state, branchId, deps.clock());
      for (const s of counts.services) deps.metrics.waiting.set({ branch: branchId, service: s.serviceId }, s.waiting);
      display.to(rooms.branch(branchId)).emit('queue:changed', counts);
      kiosk.to(rooms.branch(branchId)).emit('queue:changed', counts);
      toStaff(branchId, 'queue:changed', counts);
      // Other processes refresh the tracking pages connected to them.
      if (deps.redis) track.serverSideEmit('refresh', branchId);
      refreshLocalTracking(branchId, day);
    },
    // the next change refreshes again
    (err) => reportFailure(deps.logger, err, 'queue refresh failed'),
  );

  const COUNTER_EVENTS = new Set<DomainEvent['type']>([
    'TicketCalled',
    'ServiceStarted',
    'ServiceFinished',
    'MarkedNoShow',
    'Transferred',
    'Parked',
    'CounterOpened',
    'CounterClosed',
    'CounterPaused',
    'CounterResumed',
    'CounterAssignedForToday', // [TD1]
    'CounterAssignmentCleared',
  ]);

  const unsubscribe = queue.onEvents((branchId, day, events: StoredEvent[]) => {
    const { ix, state } = day;
    const first = events[0];
    const last = events.at(-1);
    if (!first || !last) return;
    // One command's events, after log version `since`: a client that has not seen `since` missed
    // something (LogStep in protocol). The version is the command's own, never the state's, which
    // may already hold commands decided after it and not yet written.
    const step = { since: first.seq - 1, version: last.seq };
    /** The display and bridge rooms told something about this command; the others get log:advanced. */
    const told = new Set<string>();
    const branchRoom = rooms.branch(branchId);
    /** Per counter, how many of this command's events touched it. */
    const touchedCounters = new Map<string, number>();
    /** Per counter, the call this command made at it that the screens were sent (its version and ticket). */
    const callsShown = new Map<string, { version: number; ticketId: string }>();
    for (const { seq, event } of events) {
      const recent = recentCallOf(seq, event);
      const call = recent && callPayload(ix, state, recent);
      if (recent && call) {
        const payload = { ...call, since: step.since };
        const displayRooms = [branchRoom, rooms.counter(branchId, recent.counterId)];
        display.to(displayRooms).emit('ticket:called', payload);
        bridge.to(branchRoom).emit('ticket:called', payload);
        toStaff(branchId, 'ticket:called', payload);
        for (const r of displayRooms) told.add(r);
        callsShown.set(recent.counterId, { version: call.version, ticketId: call.ticketId });
        deps.metrics.callToDisplay.observe(Math.max(0, deps.clock() - event.at) / 1000);
      }
      if (COUNTER_EVENTS.has(event.type) && 'counterId' in event && event.counterId) {
        touchedCounters.set(event.counterId, (touchedCounters.get(event.counterId) ?? 0) + 1);
      }
      if ('ticketId' in event) {
        const t = state.tickets.get(event.ticketId);
        if (t) {
          toStaff(branchId, 'ticket:changed', { ...staffTicket(t), version: seq, since: step.since });
          // Only for someone following it here (its estimate costs a replay of the queue); pages on
          // other processes are refreshed through the throttled 'refresh'.
          const room = rooms.ticket(t.id);
          if (track.adapter.rooms.get(room)?.size) {
            track.local.to(room).emit('ticket:tracking', tracking(ix, state, t, deps.clock()));
          }
        }
      }
    }
    // [TD4] A sub-service closed or reopened names no ticket or counter: staff follow the log on.
    if (events.every(({ event }) => event.type === 'ServiceClosedForDay' || event.type === 'ServiceReopened')) {
      toStaff(branchId, 'log:advanced', step);
    }
    for (const [counterId, touches] of touchedCounters) {
      const summary = counterSummary(ix, state, counterId);
      if (!summary) continue;
      const payload = { ...summary, ...step };
      // [PF4] A command that only called a ticket at this counter, as its last event: the call the
      // screens were just sent says all the counter:changed would (open, calling that number, not
      // paused, at the command's version), so 10,000 screens get one message per call, not two.
      const call = callsShown.get(counterId);
      const saidByCall =
        touches === 1 &&
        call !== undefined &&
        call.version === step.version &&
        summary.status === 'open' &&
        summary.pauseReason === null &&
        summary.serving?.ticketId === call.ticketId &&
        summary.serving.status === 'called';
      if (!saidByCall) {
        const displayRooms = [branchRoom, rooms.counter(branchId, counterId)];
        display.to(displayRooms).emit('counter:changed', payload);
        for (const r of displayRooms) told.add(r);
      }
      bridge.to(branchRoom).emit('counter:changed', payload);
      toStaff(branchId, 'counter:changed', payload);
    }
    // Every event has a ticket or a counter, so staff always hear of a command; screens and bridges
    // that heard nothing (a ticket issued, documents checked) are told the log moved on.
    const quiet = [branchRoom, ...[...ix.counters.keys()].map((c) => rooms.counter(branchId, c))];
    const untold = quiet.filter((r) => !told.has(r));
    if (untold.length > 0) display.to(untold).emit('log:advanced', step);
    if (!told.has(branchRoom)) bridge.to(branchRoom).emit('log:advanced', step);
    refresh.request(branchId);
  });
  return () => {
    unsubscribe();
    refresh.cancelAll();
  };
}
