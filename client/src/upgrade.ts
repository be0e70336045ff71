// [UP5][UP7] The protocol version every call carries, and what an app does when the server says it is
// too old: it reloads itself once, so the browser fetches the server's current build. A reload that
// does not cure it (a cached old build, a server that wants more than its own apps speak) must not
// loop: a second reload waits until RELOAD_GUARD_MS after the first, remembered in sessionStorage.
import { handshakeCode, PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nobat/protocol';

/** The error code of an answer or connect_error that says this client's protocol is too old. */
export const PROTOCOL_OUTDATED = 'protocol-outdated';

/** How long after an upgrade reload another one is held back (ms). */
export const RELOAD_GUARD_MS = 5 * 60_000;

/** Where the last upgrade reload is remembered (sessionStorage: per tab, survives the reload). */
export const RELOAD_KEY = 'nobat:upgrade-reload-at';

/** The headers that state this client's protocol version (every REST call sends them). */
export const protocolHeaders = (): Record<string, string> => ({ [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });

/** A Socket.IO handshake's `auth` with this client's protocol version added. */
export function withProtocol<A extends object>(auth?: A): A & { protocol: number } {
  return { ...(auth ?? ({} as A)), protocol: PROTOCOL_VERSION };
}

/** Whether a socket's connect_error is the server saying this client is too old. */
export function isProtocolOutdated(err: Error): boolean {
  return handshakeCode(err) === PROTOCOL_OUTDATED;
}

/** The part of a Storage (sessionStorage) it uses: this entry is free of DOM types (the bridge uses it). */
export interface KeptValues {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What reloading needs from the page (a test passes its own). */
export interface ReloadEnv {
  storage: KeptValues;
  reload(): void;
  now(): number;
}

/** Where the reload is remembered when sessionStorage is switched off: this page load only. */
const pageMemory = new Map<string, string>();
const memoryStorage: KeptValues = {
  getItem: (key) => pageMemory.get(key) ?? null,
  setItem: (key, value) => {
    pageMemory.set(key, value);
  },
};

/** The browser's page, or undefined outside a browser (Node: the bridge, tests). */
function browserEnv(): ReloadEnv | undefined {
  const g = globalThis as { location?: { reload?: () => void }; sessionStorage?: KeptValues };
  const location = g.location;
  if (!location || typeof location.reload !== 'function') return undefined;
  let storage: KeptValues = memoryStorage;
  try {
    if (g.sessionStorage) storage = g.sessionStorage;
  } catch {
    // Storage switched off: remembered for this page load only.
  }
  const reload = location.reload.bind(location);
  return { storage, reload, now: () => Date.now() };
}

/**
 * [UP7] Reloads the page because the server no longer serves this build's protocol — unless it did so
 * less than RELOAD_GUARD_MS ago (then the page stays as it is and says why in the console). Several
 * calls refused at once make one reload. True when a reload was started; outside a browser, nothing.
 */
export function reloadForUpgrade(env: ReloadEnv | undefined = browserEnv()): boolean {
  if (!env) return false;
  const now = env.now();
  let last = Number.NaN;
  try {
    last = Number(env.storage.getItem(RELOAD_KEY) ?? Number.NaN);
  } catch {}
  if (Number.isFinite(last) && now - last >= 0 && now - last < RELOAD_GUARD_MS) {
    console.warn(
      `nobat: the server needs a newer app than this one (protocol ${PROTOCOL_VERSION}) and a reload did not bring it; not reloading again before ${new Date(last + RELOAD_GUARD_MS).toISOString()}`,
    );
    return false;
  }
  try {
    env.storage.setItem(RELOAD_KEY, String(now));
  } catch {}
  env.reload();
  return true;
}
