// Device health kept by the server, per branch: kiosks, displays and bridges from their socket
// connections, and the LEDs, keypads and printers their bridges report. Each device's record
// ('device-health', id `<branchId>/<deviceId>`) holds its status, since when, last seen, firmware and
// the day's counts of going offline and of faults; it is written through the store port, so a
// restart or another process reads it.
//
// Connections are counted in this process. With several server processes (Redis), a device whose
// socket moves from one process to another may briefly be written offline by the process it left
// after the new one wrote it online; its next report or reconnect puts it right. A process starting
// marks every socket device it finds online as offline (their sockets were the old process's): with
// several processes, start them together, or a device of a running process shows offline until it
// reconnects or reports.
import type { DeviceHealth, DeviceHealthKind, DeviceStatus } from '@nobat/protocol';
import { localDay } from '../domain/local-time.ts';
import type { Store } from '../store/port.ts';

export type SocketKind = Extract<DeviceHealthKind, 'kiosk' | 'display' | 'bridge'>;
const SOCKET_KINDS: ReadonlySet<DeviceHealthKind> = new Set(['kiosk', 'display', 'bridge']);

export type HealthListener = (h: DeviceHealth) => void;

export interface DeviceHealthOptions {
  store: Store;
  clock: () => number;
  /** The branch's time zone (the day the counts belong to); default Asia/Tehran. */
  timeZone?: (branchId: string) => Promise<string | undefined>;
  /** A report that changes nothing refreshes `lastSeen` at most this often (ms; default 60 s). */
  seenEveryMs?: number;
}

const recordId = (branchId: string, deviceId: string) => `${branchId}/${deviceId}`;

type Change = Partial<Pick<DeviceHealth, 'status' | 'detail' | 'firmware' | 'counterId' | 'kioskId' | 'bridgeId'>> & {
  connectedSince?: string | null;
};

export class DeviceHealthService {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #timeZone: (branchId: string) => Promise<string | undefined>;
  readonly #seenEveryMs: number;
  readonly #listeners = new Set<HealthListener>();
  /** Open sockets per device in this process. */
  readonly #sockets = new Map<string, number>();
  /** Writes to one record, one after another. */
  readonly #chains = new Map<string, Promise<unknown>>();

  constructor(opts: DeviceHealthOptions) {
    this.#store = opts.store;
    this.#clock = opts.clock;
    this.#timeZone = opts.timeZone ?? (async () => undefined);
    this.#seenEveryMs = opts.seenEveryMs ?? 60_000;
  }

  onChange(listener: HealthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every device of the branch, kiosks first then by id. */
  async list(branchId: string): Promise<DeviceHealth[]> {
    const all = await this.#store.listRecords<DeviceHealth>('device-health');
    return all
      .filter((r) => r.value.branchId === branchId)
      .map((r) => r.value)
      .sort((a, b) => (a.kind === b.kind ? (a.deviceId < b.deviceId ? -1 : 1) : a.kind < b.kind ? -1 : 1));
  }

  /** [OP5] Every branch's devices (for the metrics). */
  async all(): Promise<DeviceHealth[]> {
    return (await this.#store.listRecords<DeviceHealth>('device-health')).map((r) => r.value);
  }

  /** On start: socket devices written online by an earlier process are offline now (see the top). */
  async sweep(): Promise<void> {
    const all = await this.#store.listRecords<DeviceHealth>('device-health');
    for (const r of all) {
      const h = r.value;
      if (SOCKET_KINDS.has(h.kind) && h.status !== 'offline' && !this.#sockets.get(r.id)) {
        await this.#update(h.branchId, h.deviceId, h.kind, { status: 'offline', connectedSince: null }, false);
      }
    }
  }

  /** A kiosk, display or bridge socket connected. */
  connected(branchId: string, deviceId: string, kind: SocketKind, where: { counterId?: string } = {}): Promise<void> {
    const id = recordId(branchId, deviceId);
    const n = (this.#sockets.get(id) ?? 0) + 1;
    this.#sockets.set(id, n);
    const now = new Date(this.#clock()).toISOString();
    return this.#update(
      branchId,
      deviceId,
      kind,
      { status: 'online', ...where, ...(n === 1 ? { connectedSince: now } : {}) },
      true,
    );
  }

  /** Its socket closed; offline when it was the device's last one in this process. */
  disconnected(branchId: string, deviceId: string, kind: SocketKind): Promise<void> {
    const id = recordId(branchId, deviceId);
    const n = Math.max(0, (this.#sockets.get(id) ?? 0) - 1);
    if (n > 0) {
      this.#sockets.set(id, n);
      return this.#update(branchId, deviceId, kind, {}, true);
    }
    this.#sockets.delete(id);
    return this.#update(branchId, deviceId, kind, { status: 'offline', connectedSince: null }, true);
  }

  /** A bridge reported one of its devices (already checked to be the bridge's). */
  reported(branchId: string, bridgeId: string, s: DeviceStatus): Promise<void> {
    return this.#update(
      branchId,
      s.deviceId,
      s.kind,
      {
        status: s.status,
        bridgeId,
        detail: s.detail ?? '',
        ...(s.firmware ? { firmware: s.firmware } : {}),
        ...(s.counterId ? { counterId: s.counterId } : {}),
        ...(s.kioskId ? { kioskId: s.kioskId } : {}),
      },
      true,
    );
  }

  /** A bridge went away: what it reported cannot be known, so its devices are offline. */
  async bridgeGone(branchId: string, bridgeId: string): Promise<void> {
    for (const h of await this.list(branchId)) {
      if (h.bridgeId === bridgeId && !SOCKET_KINDS.has(h.kind) && h.status !== 'offline') {
        await this.#update(branchId, h.deviceId, h.kind, { status: 'offline', detail: 'bridge offline' }, false);
      }
    }
  }

  #update(branchId: string, deviceId: string, kind: DeviceHealthKind, change: Change, seen: boolean): Promise<void> {
    const id = recordId(branchId, deviceId);
    const previous = this.#chains.get(id) ?? Promise.resolve();
    const run = previous.then(
      () => this.#write(id, branchId, deviceId, kind, change, seen),
      () => this.#write(id, branchId, deviceId, kind, change, seen),
    );
    const settled = run.catch(() => undefined);
    this.#chains.set(id, settled);
    void settled.then(() => {
      if (this.#chains.get(id) === settled) this.#chains.delete(id);
    });
    return run;
  }

  async #write(
    id: string,
    branchId: string,
    deviceId: string,
    kind: DeviceHealthKind,
    change: Change,
    seen: boolean,
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.#clock();
      const iso = new Date(now).toISOString();
      const day = localDay(now, (await this.#timeZone(branchId)) ?? 'Asia/Tehran');
      const record = await this.#store.getRecord<DeviceHealth>('device-health', id);
      const before = record?.value;
      const next = nextHealth(before, { branchId, deviceId, kind, change, seen, iso, day });
      const due = !before || before.lastSeen < new Date(now - this.#seenEveryMs).toISOString();
      if (before && sameHealth(before, next) && !(seen && due)) return;
      const put = await this.#store.putRecord('device-health', id, next, record?.version ?? 0);
      if (!put.ok) continue;
      for (const l of this.#listeners) l(next);
      return;
    }
  }
}

/** [AL5] The record after a change: the status's `since`, and the day's counts of offline and faults. */
export function nextHealth(
  before: DeviceHealth | undefined,
  a: {
    branchId: string;
    deviceId: string;
    kind: DeviceHealthKind;
    change: Change;
    seen: boolean;
    iso: string;
    day: string;
  },
): DeviceHealth {
  const { change } = a;
  const status = change.status ?? before?.status ?? 'online';
  const changed = !before || before.status !== status;
  const sameDay = before?.day === a.day;
  let offlineCount = sameDay ? (before?.offlineCount ?? 0) : 0;
  let errorCount = sameDay ? (before?.errorCount ?? 0) : 0;
  if (changed && before) {
    if (status === 'offline') offlineCount++;
    else if (status !== 'online') errorCount++;
  } else if (changed && status !== 'online' && status !== 'offline') errorCount++;
  const detail = change.detail !== undefined ? change.detail : before?.detail;
  return {
    branchId: a.branchId,
    deviceId: a.deviceId,
    kind: a.kind,
    ...((change.counterId ?? before?.counterId) ? { counterId: change.counterId ?? before?.counterId } : {}),
    ...((change.kioskId ?? before?.kioskId) ? { kioskId: change.kioskId ?? before?.kioskId } : {}),
    ...((change.bridgeId ?? before?.bridgeId) ? { bridgeId: change.bridgeId ?? before?.bridgeId } : {}),
    status,
    ...(detail ? { detail } : {}),
    since: changed ? a.iso : (before?.since ?? a.iso),
    lastSeen: a.seen || !before ? a.iso : before.lastSeen,
    connectedSince: change.connectedSince !== undefined ? change.connectedSince : (before?.connectedSince ?? null),
    firmware: change.firmware ?? before?.firmware ?? null,
    day: a.day,
    offlineCount,
    errorCount,
  } as DeviceHealth;
}

function sameHealth(a: DeviceHealth, b: DeviceHealth): boolean {
  const { lastSeen: _a, ...x } = a;
  const { lastSeen: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}
