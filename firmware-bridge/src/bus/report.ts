// The bus report (PROTOCOL.md, section 9, rules BUS1–BUS3): what the master counted for every address it
// watches, as the server and the supervisor's bridge page show it, with the rule that tells "two
// devices on one address" from a device that is simply up or down.
import type { BusAddressReport, BusConfiguredDevice, BusLineReport, CollisionSign } from '@nobat/protocol';
import { DeviceType } from './frame.ts';
import type { BusMaster, ExchangeOutcome, NodeStats } from './master.ts';

/** [BUS2] Damaged answers among the last exchanges with an address that make it a collision. */
export const COLLISION_GARBLED = 2;

/** A device the configuration puts on the bus, at its address. */
export type Configured = BusConfiguredDevice & { address: number };

/**
 * [BUS2] The signs that two devices answer one address, from what the master counted:
 * - `garbled`: among its last exchanges (RECENT_EXCHANGES) at least COLLISION_GARBLED brought damaged
 *   frames while its answer was awaited, and at least one was answered whole: the address answers,
 *   but its answers are often destroyed — two devices talking at once;
 * - `identities`: its last PING answers gave two or more different device types or firmware versions;
 * - `type-mismatch`: it says it has no display where the configuration puts an LED (or no keypad where
 *   it puts a keypad).
 */
export function collisionSigns(stats: NodeStats, configured: readonly Configured[]): CollisionSign[] {
  const signs: CollisionSign[] = [];
  const count = (o: ExchangeOutcome) => stats.recent.filter((x) => x === o).length;
  if (count('garbled') >= COLLISION_GARBLED && count('answered') >= 1) signs.push('garbled');
  if (stats.identities.length > 1) signs.push('identities');
  const type = stats.info?.type;
  if (type !== undefined && type !== 0) {
    const missing = configured.some(
      (c) => (c.kind === 'led' && !(type & DeviceType.display)) || (c.kind === 'keypad' && !(type & DeviceType.keypad)),
    );
    if (missing) signs.push('type-mismatch');
  }
  return signs;
}

/** [BUS1] One watched address: silent while offline or before its first answer, else answers or collision. */
export function addressReport(address: number, stats: NodeStats, configured: readonly Configured[]): BusAddressReport {
  const signs = collisionSigns(stats, configured);
  const silent = stats.state !== 'online';
  const state = silent ? 'silent' : signs.length > 0 ? 'collision' : 'answers';
  const info = stats.info;
  return {
    address,
    state,
    configured: configured.map(({ address: _, ...c }) => c),
    reported: info
      ? { display: (info.type & DeviceType.display) !== 0, keypad: (info.type & DeviceType.keypad) !== 0 }
      : null,
    firmware: info ? info.version : null,
    lastAnswerAt: stats.lastAnswerAt === undefined ? null : new Date(stats.lastAnswerAt).toISOString(),
    consecutiveFailures: stats.consecutiveFailures,
    answered: stats.answered,
    missed: stats.missed,
    garbled: stats.garbled,
    ...(state === 'collision' ? { collision: signs } : {}),
  };
}

/** [BUS1][BUS3] A whole bus: its watched addresses in order, then the ones a scan found answering. */
export function busReport(
  bus: { id: string; path: string; open: boolean; scannedAt?: number | undefined },
  master: BusMaster,
  configured: readonly Configured[],
): BusLineReport {
  const addresses: BusAddressReport[] = [];
  for (const address of master.watched) {
    const stats = master.stats(address);
    if (!stats) continue;
    addresses.push(
      addressReport(
        address,
        stats,
        configured.filter((c) => c.address === address),
      ),
    );
  }
  for (const [address, f] of master.found) {
    if (master.stats(address)) continue;
    addresses.push({
      address,
      state: 'unexpected',
      configured: [],
      reported: { display: (f.info.type & DeviceType.display) !== 0, keypad: (f.info.type & DeviceType.keypad) !== 0 },
      firmware: f.info.version,
      lastAnswerAt: new Date(f.at).toISOString(),
      consecutiveFailures: 0,
      answered: 1,
      missed: 0,
      garbled: 0,
    });
  }
  addresses.sort((a, b) => a.address - b.address);
  return {
    id: bus.id,
    path: bus.path,
    open: bus.open,
    noise: master.noise,
    addresses,
    ...(bus.scannedAt !== undefined ? { scannedAt: new Date(bus.scannedAt).toISOString() } : {}),
  };
}

/**
 * What makes a report worth sending at once: states, identities, the start or end of a run of misses,
 * the first damaged answer — not the counts and times, which are sent with it (and refreshed now and
 * then: the bridge's FIGURES_EVERY_MS).
 */
export function reportSignature(buses: readonly BusLineReport[]): string {
  return JSON.stringify(
    buses.map((b) => [
      b.id,
      b.open,
      b.scannedAt ?? null,
      b.addresses.map((a) => [
        a.address,
        a.state,
        a.firmware,
        a.reported,
        a.collision ?? null,
        a.consecutiveFailures > 0,
        a.garbled > 0,
      ]),
    ]),
  );
}
