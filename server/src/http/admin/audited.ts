// The one way an admin change reaches the store. A route hands `auditedWrite` what it wants to change;
// the helper reads the record, refuses a stale version (409 version-conflict saying who changed it
// and when), lets the route compute and check the new value (throwing refuses it: nothing written),
// writes it with compare-and-set and a change stamp, and only then appends the audit entry. Routes
// never call putRecord/deleteRecord for configuration themselves, so none can forget the audit.
import {
  type AuditAction,
  type AuditTargetKind,
  type ChangeStamp,
  clockTime,
  errorMessages,
  type Role,
} from '@nobat/protocol';
import type { Context } from 'hono';
import type { Store } from '../../store/port.ts';
import { clientAddress } from '../address.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { auditChanges, redact } from './changes.ts';

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** Who is changing things, from where, and where it is written. */
export interface AuditContext {
  store: Store;
  actor: Actor;
  address: string | null;
  clock: () => number;
}

/** A record as the admin API shows it: its value, version and last change. */
export interface Saved<T> {
  version: number;
  changed: ChangeStamp | null;
  value: T;
}

/** The audit targets that are stored records (a counter or a ticket acted on is not: SV2). */
export type RecordTargetKind = Exclude<AuditTargetKind, 'counter' | 'ticket'>;

export interface AuditedChange<T> {
  kind: RecordTargetKind;
  id: string;
  action: AuditAction;
  /** The branch the change belongs to (a supervisor sees that branch's entries); null for none. */
  branchId: string | null;
  /**
   * The version the edit was made on: 0 creates (409 exists when there is one); N refuses unless the
   * record is at N (409 version-conflict). Undefined: the edit applies to whatever is current, and is
   * tried again if someone writes in between.
   */
  expectedVersion?: number | undefined;
  /** The zone of the time the conflict message gives (the branch's; default Asia/Tehran). */
  timeZone?: string | undefined;
  /**
   * The new value, from the current record (undefined: there is none). null deletes it. Throwing
   * (an ApiError: 404, 422 …) refuses the change and nothing is written.
   */
  apply: (current: Saved<T> | undefined) => T | null | Promise<T | null>;
}

/** The record's value and change stamp, as stored together. */
export function readSaved<T>(record: { version: number; value: unknown }): Saved<T> {
  const { changed = null, ...value } = record.value as Record<string, unknown> & { changed?: ChangeStamp | null };
  return { version: record.version, changed, value: value as T };
}

export async function getSaved<T>(store: Store, kind: RecordTargetKind, id: string): Promise<Saved<T> | undefined> {
  const record = await store.getRecord(kind, id);
  return record && readSaved<T>(record);
}

/** 409 version-conflict: who changed the record and when (HH:MM in `timeZone`), and its version now. */
export function versionConflict(current: Saved<unknown> | undefined, timeZone = 'Asia/Tehran'): ApiError {
  const changed = current?.changed ?? null;
  const base = errorMessages['version-conflict'];
  const message = changed
    ? {
        fa: `«${changed.by.name}» این مورد را در ساعت ${clockTime(changed.at, 'fa', timeZone)} تغییر داده است؛ دوباره بارگذاری کنید.`,
        en: `Changed by ${changed.by.name} at ${clockTime(changed.at, 'en', timeZone)} — reload and try again.`,
      }
    : base;
  return new ApiError(409, 'version-conflict', message, undefined, undefined, {
    version: current?.version ?? 0,
    changed,
  });
}

const ATTEMPTS = 5;

/**
 * Makes one audited change. Resolves with the record as saved (null when deleted), after its audit
 * entry is appended. Refusals are thrown as ApiError and leave the record and the log as they were.
 */
export async function auditedWrite<T extends object>(
  ctx: AuditContext,
  change: AuditedChange<T>,
): Promise<Saved<T> | null> {
  const { store } = ctx;
  const { kind, id, expectedVersion } = change;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await store.getRecord(kind, id);
    const current = record && readSaved<T>(record);
    if (expectedVersion === 0 && current) throw fail(409, 'exists');
    if (expectedVersion !== undefined && expectedVersion > 0) {
      if (!current) throw fail(404, 'not-found');
      if (current.version !== expectedVersion) throw versionConflict(current, change.timeZone);
    }
    const next = await change.apply(current);
    const at = new Date(ctx.clock()).toISOString();
    let saved: Saved<T> | null;
    if (next === null) {
      if (!current) throw fail(404, 'not-found');
      // Deleting has no compare-and-set: a write that lands between the read and here is deleted too.
      if (!(await store.deleteRecord(kind, id))) throw fail(404, 'not-found');
      saved = null;
    } else {
      const stamp: ChangeStamp = { by: { id: ctx.actor.id, name: ctx.actor.name }, at };
      const { changed: _, ...clean } = next as T & { changed?: unknown };
      const put = await store.putRecord(kind, id, { ...clean, changed: stamp }, current?.version ?? 0);
      if (!put.ok) {
        if (expectedVersion === 0) throw fail(409, 'exists');
        if (expectedVersion !== undefined) {
          throw versionConflict(await getSaved(store, kind, id), change.timeZone);
        }
        continue; // someone wrote in between: apply the edit to what they wrote
      }
      saved = { version: put.version, changed: stamp, value: clean as T };
    }
    await store.appendAudit({
      at,
      actor: { id: ctx.actor.id, name: ctx.actor.name, role: ctx.actor.role },
      address: ctx.address,
      action: change.action,
      target: { kind, id },
      branchId: change.branchId,
      fromVersion: current?.version ?? null,
      toVersion: saved?.version ?? null,
      before: current ? redact(kind, current.value) : null,
      after: saved ? redact(kind, saved.value) : null,
      changes: auditChanges(kind, current?.value, saved?.value),
    });
    return saved;
  }
  throw fail(409, 'version-conflict');
}

/** The audit context of a request: the signed-in user and the client's address. */
export function auditContext(
  c: Context<AppEnv>,
  deps: Pick<Deps, 'store' | 'clock' | 'web'>,
  actor: Actor,
): AuditContext {
  return {
    store: deps.store,
    actor: { id: actor.id, name: actor.name, role: actor.role },
    address: clientAddress(c, deps.web?.trustProxy ?? false),
    clock: deps.clock,
  };
}
