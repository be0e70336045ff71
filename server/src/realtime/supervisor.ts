// [SV4] The supervisor's floor: after each batch of a branch's events, its floor figures (estimates,
// today's counts, clerks, pauses) go to the /supervisor room, at most once per throttle window.
import type { SupervisorServerEvents } from '@nobat/protocol';
import type { Namespace } from 'socket.io';
import { floorStats } from '../queue/floor.ts';
import { reportFailure } from './failures.ts';
import { type Hub, rooms } from './hub.ts';
import { keyedThrottle } from './throttle.ts';

export function attachSupervisorFloor(hub: Hub): () => void {
  const { deps } = hub;
  const ns = hub.staffNs.find((n) => n.name === '/supervisor') as unknown as Namespace<
    Record<string, never>,
    SupervisorServerEvents
  >;
  const push = keyedThrottle(
    deps.throttleMs ?? 500,
    async (branchId) => {
      // Nobody watching this branch's floor here: nothing to compute.
      if (!deps.redis && !ns.adapter.rooms.get(rooms.branch(branchId))?.size) return;
      const day = await deps.queue.view(branchId);
      if (day) ns.to(rooms.branch(branchId)).emit('floor:stats', floorStats(day.ix, day.state, deps.clock()));
    },
    (err) => reportFailure(deps.logger, err, 'floor stats failed'),
  );
  const unsubscribe = deps.queue.onEvents((branchId) => push.request(branchId));
  return () => {
    unsubscribe();
    push.cancelAll();
  };
}
