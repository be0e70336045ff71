// Who is asking. Staff sign in with a password (argon2id) and get a session token, sent back as an
// HttpOnly cookie for browsers and in the body for scripts. Devices (kiosk, display, bridge) carry a
// token an admin issued: "<deviceId>.<secret>". Only hashes are stored: a copy of the store gives no
// usable token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceKind, Role, SessionUser } from '@nobat/protocol';
import argon2 from 'argon2';
import type { Store } from '../store/port.ts';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** A clerk's or supervisor's branch; null for admins (every branch). */
  branchId: string | null;
  /** An officer's unit (one named in their branch's workflows); absent for everyone else. */
  unit?: string | null;
  passwordHash: string;
  active: boolean;
  /** Changes when the account is (re)created or its password changes: sessions of an earlier epoch end. */
  epoch: string;
  /** A one-time password (a new office's first admin): it must be changed before anything else. */
  mustChangePassword?: boolean;
}

/** The cookie a browser session travels in (HTTP and Socket.IO handshakes alike). */
export const SESSION_COOKIE = 'nobat_session';

/** Admins manage every branch; supervisors and clerks their own; officers none. */
export function mayManageBranch(user: { role: Role; branchId: string | null }, branchId: string): boolean {
  // An officer works on the requests of their unit only (RQ): not on the branch's queue or settings.
  return user.role === 'admin' || (user.role !== 'officer' && user.branchId === branchId);
}

export const newEpoch = () => randomBytes(8).toString('base64url');

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  branchId: string;
  name: string;
  /** For a bridge: the counters whose LED displays and keypads it owns. */
  counterIds: string[];
  /** For a bridge: the kiosks whose ticket printers it drives. */
  kioskIds: string[];
  secretHash: string;
  active: boolean;
  /** ISO 8601; absent on devices made before it was kept. */
  createdAt?: string;
}

/** The 'device-seen' record: when the device last connected or made an authenticated call. */
export interface DeviceSeen {
  at: string;
}

/** A device's last-seen time is written at most this often (each call would be a write otherwise). */
export const DEVICE_SEEN_EVERY_MS = 60_000;

interface SessionRecord {
  userId: string;
  /** The account's epoch when signed in: a deleted and re-created user, or a new password, ends it. */
  epoch: string;
  expiresAt: number;
}

export type Principal =
  | { kind: 'user'; user: SessionUser }
  | { kind: 'device'; device: Omit<DeviceRecord, 'secretHash'> }
  | { kind: 'anonymous' };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How long a device token's answer is trusted before the store is asked again. */
export const DEVICE_CACHE_MS = 5_000;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function sessionUser(u: UserRecord): SessionUser {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    branchId: u.branchId,
    ...(u.role === 'officer' ? { unit: u.unit ?? null } : {}),
    ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

/** Usernames are case-insensitive; the record id is the lower-cased username. */
export const userIdOf = (username: string) => username.trim().toLowerCase();

export class Auth {
  readonly #store: Store;
  readonly #sessionMs: number;
  readonly #clock: () => number;
  /** A hash to verify against when the user does not exist, so timing does not tell who exists. */
  #dummyHash: Promise<string> | undefined;

  constructor(store: Store, opts: { sessionHours?: number; clock?: () => number } = {}) {
    this.#store = store;
    this.#sessionMs = (opts.sessionHours ?? 12) * 3_600_000;
    this.#clock = opts.clock ?? Date.now;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; user: SessionUser; expiresAt: number } | undefined> {
    const record = await this.#store.getRecord<UserRecord>('user', userIdOf(username));
    if (!record?.value.active) {
      this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await argon2.verify(await this.#dummyHash, password).catch(() => false);
      return undefined;
    }
    const ok = await argon2.verify(record.value.passwordHash, password).catch(() => false);
    if (!ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.#clock() + this.#sessionMs;
    await this.#store.putRecord<SessionRecord>(
      'session',
      sha256(token),
      { userId: record.id, epoch: record.value.epoch, expiresAt },
      0,
      { expiresAt }, // the store forgets it by itself, even if the token is never presented again
    );
    return { token, user: sessionUser(record.value), expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.#store.deleteRecord('session', sha256(token));
  }

  /** The principal a bearer token or session cookie stands for; anonymous when none or invalid. */
  async resolve(token: string | undefined): Promise<Principal> {
    if (!token || token.length > 300) return { kind: 'anonymous' };
    const dot = token.indexOf('.');
    if (dot > 0) {
      const principal = await this.#device(token.slice(0, dot), token.slice(dot + 1));
      // Not awaited: noting the device must not slow or fail its call (a store outage, say).
      if (principal.kind === 'device') void this.#seen(principal.device.id);
      return principal;
    }
    const session = await this.#store.getRecord<SessionRecord>('session', sha256(token));
    if (!session) return { kind: 'anonymous' };
    if (session.value.expiresAt <= this.#clock()) {
      await this.#store.deleteRecord('session', session.id);
      return { kind: 'anonymous' };
    }
    const user = await this.#store.getRecord<UserRecord>('user', session.value.userId);
    if (!user || user.value.epoch !== session.value.epoch) {
      // The account was deleted, re-created or given a new password since: this session is over.
      await this.#store.deleteRecord('session', session.id);
      return { kind: 'anonymous' };
    }
    if (!user.value.active) return { kind: 'anonymous' };
    return { kind: 'user', user: sessionUser(user.value) };
  }

  readonly #seenWritten = new Map<string, number>();

  /** [M7] Notes that a device spoke, at most once a minute per device; a lost note is harmless. */
  async #seen(deviceId: string): Promise<void> {
    const now = this.#clock();
    const last = this.#seenWritten.get(deviceId);
    if (last !== undefined && now - last < DEVICE_SEEN_EVERY_MS && now >= last) return;
    if (this.#seenWritten.size > 10_000) this.#seenWritten.clear();
    this.#seenWritten.set(deviceId, now);
    try {
      const current = await this.#store.getRecord<DeviceSeen>('device-seen', deviceId);
      await this.#store.putRecord<DeviceSeen>(
        'device-seen',
        deviceId,
        { at: new Date(now).toISOString() },
        current?.version ?? 0,
      );
    } catch {
      // Another process noted it at the same moment, or the store is down: the next call notes it.
    }
  }

  /** Forget cached device answers (a device was changed or revoked here). */
  forgetDevice(deviceId: string): void {
    // Cached tokens are "<deviceId>.<secret>".
    for (const token of this.#devices.keys()) if (token.startsWith(`${deviceId}.`)) this.#devices.delete(token);
  }

  // A kiosk sends its token with every ticket: its answer is kept briefly rather than read from the
  // store each time. A revocation made through this process takes effect at once (forgetDevice);
  // one made through another process within DEVICE_CACHE_MS.
  readonly #devices = new Map<string, { principal: Principal; until: number }>();

  async #device(id: string, secret: string): Promise<Principal> {
    const token = `${id}.${secret}`;
    const now = performance.now();
    const cached = this.#devices.get(token);
    if (cached && cached.until > now) return cached.principal;
    const principal = await this.#lookupDevice(id, secret);
    if (this.#devices.size > 10_000) this.#devices.clear();
    this.#devices.set(token, { principal, until: now + DEVICE_CACHE_MS });
    return principal;
  }

  async #lookupDevice(id: string, secret: string): Promise<Principal> {
    const record = await this.#store.getRecord<DeviceRecord>('device', id);
    if (!record?.value.active) return { kind: 'anonymous' };
    const given = Buffer.from(sha256(secret), 'hex');
    const stored = Buffer.from(record.value.secretHash, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) return { kind: 'anonymous' };
    const { secretHash: _, ...device } = record.value;
    return { kind: 'device', device };
  }
}

/** A new device token: the record to store (with only the secret's hash) and the token to hand out once. */
export function newDeviceToken(device: Omit<DeviceRecord, 'secretHash'>): { record: DeviceRecord; token: string } {
  const secret = randomBytes(24).toString('base64url');
  return { record: { ...device, secretHash: sha256(secret) }, token: `${device.id}.${secret}` };
}
