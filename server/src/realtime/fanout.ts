// From the log to the screens: every batch of events written becomes calls, counter and ticket changes
// for the audiences that show them, and a throttled refresh of queue counts and tracking pages.
import { type DomainEvent, recentCallOf, type StoredEvent } from '../domain/index.ts';
import type { BranchDay } from '../queue/queue-service.ts';
import { callPayload, counterSummary, queueCounts, staffTicket, tracking } from '../queue/views.ts';
import { reportFailure } from './failures.ts';
import { type Hub, rooms } from './hub.ts';
import { keyedThrottle } from './throttle.ts';

export function attachFanout(
  hub: Hub,
  pages: { refreshLocal: (branchId: string, day: BranchDay) => void },
): () => void {
  const { display, toStaff, kiosk, track, bridge, deps } = hub;
  const { queue } = deps;
  const refreshLocalTracking = pages.refreshLocal;

  /** Queue counts and every tracked ticket of a branch, at most once per throttle window. */
  const refresh = keyedThrottle(
    deps.throttleMs ?? 500,
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
  ]);

  const unsubscribe = queue.onEvents((branchId, day, events: StoredEvent[]) => {
    const { ix, state } = day;
    const touchedCounters = new Set<string>();
    for (const { seq, event } of events) {
      const recent = recentCallOf(seq, event);
      const call = recent && callPayload(ix, state, recent);
      if (recent && call) {
        display.to([rooms.branch(branchId), rooms.counter(branchId, recent.counterId)]).emit('ticket:called', call);
        bridge.to(rooms.branch(branchId)).emit('ticket:called', call);
        toStaff(branchId, 'ticket:called', call);
        deps.metrics.callToDisplay.observe(Math.max(0, deps.clock() - event.at) / 1000);
      }
      if (COUNTER_EVENTS.has(event.type) && 'counterId' in event && event.counterId) {
        touchedCounters.add(event.counterId);
      }
      if ('ticketId' in event) {
        const t = state.tickets.get(event.ticketId);
        if (t) {
          toStaff(branchId, 'ticket:changed', { ...staffTicket(t), version: seq });
          // Only for someone following it here (its estimate costs a replay of the queue); pages on
          // other processes are refreshed through the throttled 'refresh'.
          const room = rooms.ticket(t.id);
          if (track.adapter.rooms.get(room)?.size) {
            track.local.to(room).emit('ticket:tracking', tracking(ix, state, t, deps.clock()));
          }
        }
      }
    }
    const version = state.version;
    for (const counterId of touchedCounters) {
      const summary = counterSummary(ix, state, counterId);
      if (!summary) continue;
      const payload = { ...summary, version };
      display.to([rooms.branch(branchId), rooms.counter(branchId, counterId)]).emit('counter:changed', payload);
      bridge.to(rooms.branch(branchId)).emit('counter:changed', payload);
      toStaff(branchId, 'counter:changed', payload);
    }
    refresh.request(branchId);
  });

  return () => {
    unsubscribe();
    refresh.cancelAll();
  };
}
