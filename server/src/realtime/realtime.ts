// Socket.IO: one namespace per audience, rooms per branch (and per counter, kiosk, tracked ticket).
// Every client gets a snapshot on connect — a reconnect is a connect — and then follows events that
// carry the log version. With Redis, the adapter fans emits out to every server process. Each
// audience has its own module; this one puts them together.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { type Namespace, Server } from 'socket.io';
import { attachHealth } from '../health/realtime.ts';
import { attachBridges } from './bridge.ts';
import { reportFailure } from './failures.ts';
import { attachFanout } from './fanout.ts';
import { createHub, type RealtimeDeps } from './hub.ts';
import { attachKiosks } from './kiosk.ts';
import { createPrinting } from './printing.ts';
import { attachScreens } from './screens.ts';
import { attachTracking } from './tracking.ts';

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io = new Server(httpServer, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
  if (deps.redis) io.adapter(createAdapter(deps.redis.pub, deps.redis.sub));
  const { auth } = deps;
  const hub = createHub(io, deps);
  const { display, staffNs, kiosk, bridge } = hub;
  attachScreens(hub);
  const printing = createPrinting(hub);
  attachKiosks(hub, printing);
  const tracking = attachTracking(hub);
  attachBridges(hub);
  const stopFanout = attachFanout(hub, tracking);
  const stopHealth = deps.health && deps.alerts ? attachHealth(hub, deps.health, deps.alerts) : () => {};

  // Sessions end and devices are revoked while sockets stay open: check their tokens now and then.
  const revalidate = setInterval(async () => {
    try {
      for (const ns of [display, ...staffNs, kiosk, bridge] as Namespace[]) {
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
    /** Printing on kiosks' printers through their bridges (the staff reprint route uses it). */
    printing,
    async close() {
      stopFanout();
      stopHealth();
      clearInterval(revalidate);
      await io.close();
    },
  };
}
