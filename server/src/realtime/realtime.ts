// Socket.IO: one namespace per audience, rooms per branch (and per counter, kiosk, tracked ticket).
// Every client gets a snapshot on connect — a reconnect is a connect — and then follows events that
// carry the log version. With Redis, the adapter fans emits out to every server process. Each
// audience has its own module; this one puts them together.

import type { Server as HttpServer } from 'node:http';
import { type HallMessage, REQUESTS_NAMESPACE } from '@nobat/protocol';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { type Namespace, Server } from 'socket.io';
import { attachHealth } from '../health/realtime.ts';
import { guardSocketProtocol, OLDEST_PROTOCOL_SERVED } from '../http/protocol-gate.ts';
import { attachBridges } from './bridge.ts';
import { createBridgeBus } from './bridge-bus.ts';
import { reportFailure } from './failures.ts';
import { attachFanout } from './fanout.ts';
import { createHub, type RealtimeDeps, rooms, sameOriginOnly } from './hub.ts';
import { attachKiosks } from './kiosk.ts';
import { createPrinting } from './printing.ts';
import { attachRequests } from './requests.ts';
import { attachScreens } from './screens.ts';
import { attachSupervisorFloor } from './supervisor.ts';
import { attachTracking } from './tracking.ts';

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io = new Server(httpServer, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
  // [UP6] Before any namespace is made: its first check is the client's protocol version.
  guardSocketProtocol(io, deps.oldestProtocol ?? OLDEST_PROTOCOL_SERVED);
  // [S9] On a Redis Cluster the sharded adapter (SPUBLISH/SSUBSCRIBE, Redis ≥ 7): each channel lives
  // on the node of its slot, instead of every publish being copied to every node.
  if (deps.redis?.sharded) io.adapter(createShardedAdapter(deps.redis.pub, deps.redis.sub));
  else if (deps.redis) io.adapter(createAdapter(deps.redis.pub, deps.redis.sub));
  const { auth } = deps;
  const hub = createHub(io, deps);
  const { display, staffNs, kiosk, bridge } = hub;
  attachScreens(hub);
  const printing = createPrinting(hub);
  attachKiosks(hub, printing);
  const tracking = attachTracking(hub);
  const bridgeBus = createBridgeBus(hub, deps.store);
  attachBridges(hub, bridgeBus);
  const stopFanout = attachFanout(hub, tracking);
  const stopFloor = attachSupervisorFloor(hub);
  const stopHealth = deps.health && deps.alerts ? attachHealth(hub, deps.health, deps.alerts) : () => {};
  // [RN6] Live inboxes of the requests, [RS9] moves over the socket (cookie sockets: the staff's same-origin check).
  const { requests } = deps;
  const stopRequests = requests
    ? attachRequests(io, {
        auth,
        onChange: (l) => requests.onChange(l),
        move: (mover, id, command, version) => requests.move(mover, id, command, version),
        logger: deps.logger,
        guard: sameOriginOnly(deps),
      })
    : () => {};
  const requestsNs = requests ? [io.of(REQUESTS_NAMESPACE)] : [];

  // Sessions end and devices are revoked while sockets stay open: check their tokens now and then.
  const revalidate = setInterval(async () => {
    try {
      for (const ns of [display, ...staffNs, kiosk, bridge, ...requestsNs] as Namespace[]) {
        for (const socket of ns.sockets.values()) {
          const token = (socket.data as { token?: string }).token;
          if (token && (await auth.resolve(token)).kind === 'anonymous') socket.disconnect(true);
        }
      }
    } catch (err) {
      reportFailure(deps.logger, err, 'revalidating sockets failed'); // tried again next time
    }
  }, deps.revalidateMs ?? 30_000);
  revalidate.unref();

  return {
    io,
    /** [TD5] Tells a branch's hall screens that its message was set (or cleared: null). */
    hall: {
      announce(branchId: string, message: HallMessage | null): void {
        display.to(rooms.branch(branchId)).emit('hall:message', message);
      },
    },
    /** Printing on kiosks' printers through their bridges (the staff reprint route uses it). */
    printing,
    /** Bridges' bus reports and the supervisor's tests (the bridge-bus routes use it). */
    bridgeBus,
    async close() {
      stopFanout();
      stopFloor();
      stopHealth();
      stopRequests();
      clearInterval(revalidate);
      await io.close();
    },
  };
}
