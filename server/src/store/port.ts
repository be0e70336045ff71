// The one store port. Adapters (sqlite/, redis/) know nothing of the queue rules: they append events
// to a branch-day log atomically with an expected version, read them back, and keep versioned
// configuration records. Every behaviour here is proven for each adapter by contract.ts.
import type { AuditEntry, AuditTargetKind } from '@nobat/protocol';
import type { DomainEvent, StoredEvent } from '../domain/events.ts';

export type AppendResult =
  /** Appended: the log's new version (the seq of the last event written). */
  | { ok: true; version: number }
  /** Someone appended first: nothing was written; `version` is the log's current version. */
  | { ok: false; version: number };

export type RecordKind =
  | 'organisation'
  | 'provincial-office'
  | 'branch'
  | 'user'
  | 'device'
  /** When a device was last seen, apart from its record: seeing it is not a change of configuration. */
  | 'device-seen'
  /** A bridge's latest bus report (BUS1), by the bridge's device id: what it saw, not configuration. */
  | 'bus-report'
  | 'session'
  /** [TD5] A branch's message to its hall screens (id: the branch), expiring at its end. */
  | 'hall-message'

  /** A device's kept health (id `<branchId>/<deviceId>`): status, last seen, firmware, counts of the day. */
  | 'device-health'
  /** A supervisor's alert (id from its branch and cause key): one per cause, ever; open, acknowledged, resolved. */
  | 'alert'
  /** [PH2] A one-time code's challenge (its hash, attempts, the ticket it issued), expiring with it. */
  | 'phone-challenge'
  /** [PH5][PH7] Phone tickets: per ticket id (I'm late), and per branch-day and number (the daily limit). */
  | 'phone-ticket'
  | 'phone-number-day'
  /** [SU3] A visitor's satisfaction survey answer (id: the ticket): one per ticket, written with expected version 0. */
  | 'survey'
  /** [NT1] A message to a visitor's mobile (id: its idempotency key): queued, sending, sent, failed or dropped. */
  | 'outbox'
  /** [NT7] How far the notifications follower has read a branch-day's log (id `<branchId>/<day>`). */
  | 'outbox-cursor'
  /** [AP3–AP8] A booking (id: the booking id). */
  | 'appointment'
  /** [AP3] A slot's bookings (id `<branchId>/<serviceId>/<slot>`): written with compare-and-set, never overbooked. */
  | 'appointment-slot'
  /** [AP6] The live booking of a national ID for a sub-service on a day (id `<branchId>/<serviceId>/<day>/<nationalId>`). */
  | 'appointment-person'
  /** [AP5] A booking code in its branch (id `<branchId>/<code>`). */
  | 'appointment-code'
  /** [RQ…] A request of the electronic desk (id: the request id): its whole log, written with compare-and-set. */
  | 'request'
  /** [TC3] A tracking code (id: the code) taken for a request, written with expected version 0: unique across the organisation. */
  | 'request-code'
  /** [RQ…] The request made from a ticket (id: the ticket id): one per visit. */
  | 'request-ticket'
  /** [SY1] A branch server's link (id: the branch): its token's hash. */
  | 'branch-link'
  /** [SY6] The link's state at the centre (id: the branch): connected or not, since when. */
  | 'branch-link-state'
  /** [SY7] An outage of a branch's link (id `<branchId>/<from, epoch ms>`). */
  | 'branch-outage'
  /** [SY3] At the centre: how far it holds a synced branch-day, and whether the branch closed it (id `<branchId>/<day>`). */
  | 'sync-day'
  /** [SY3] On a branch server: how far the centre has acknowledged a day (id: the day), and [SY8] the configuration applied (id `config`). */
  | 'sync-cursor';

export interface VersionedRecord<T> {
  id: string;
  /** 1 after creation, +1 on every write. */
  version: number;
  value: T;
}

export type PutResult = { ok: true; version: number } | { ok: false; version: number };

export interface PutOptions {
  /**
   * Epoch ms from which the record is gone by itself: reads, writes and deletes treat it as absent,
   * and the store reclaims its space without anyone asking for it again. Omitted: it stays.
   */
  expiresAt?: number;
  /**
   * [UP9] The record's group (an id: letters, digits, "-", "_"), for this write only: listRecords(kind,
   * {group}) reads a group's records without reading the kind's others. Requests are grouped by branch.
   */
  group?: string;
}

export interface ListOptions {
  /** [UP9] Only the records last written with this group. */
  group?: string;
}

/** An audit entry to append: the store gives it its id. */
export type AuditInput = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  branchId?: string | undefined;
  kind?: AuditTargetKind | undefined;
  targetId?: string | undefined;
  /** Only entries older than this entry id (a page's `next`). An id this store never gave: RangeError. */
  before?: string | undefined;
  limit: number;
}

/** A page of the audit log, newest first; `next` is the cursor of the following page, null at the end. */
export interface AuditListing {
  entries: AuditEntry[];
  next: string | null;
}

/**
 * The store cannot be reached (Redis down, not answering, or still loading). Nothing was written
 * unless the error says the outcome is unknown; the HTTP and socket answers are 503
 * store-unavailable, and the caller may try again once it is back.
 */
export class StoreUnavailableError extends Error {
  constructor(store: string, cause: unknown) {
    super(`${store} store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

export interface Store {
  readonly kind: 'sqlite' | 'redis';

  /** Events of a branch-day with seq > afterSeq, in seq order (afterSeq 0: the whole day). */
  readEvents(branchId: string, day: string, afterSeq: number): Promise<StoredEvent[]>;

  /**
   * Appends `events` as seq expectedVersion+1, +2, … only if the log's version is expectedVersion;
   * all or nothing. Resolved means durable: the events survive the process being killed.
   */
  appendEvents(
    branchId: string,
    day: string,
    expectedVersion: number,
    events: readonly DomainEvent[],
  ): Promise<AppendResult>;

  /** The days that have a log for the branch, ascending ("YYYY-MM-DD"). */
  listDays(branchId: string): Promise<string[]>;

  /**
   * [H6] Removes a branch-day's log (it is no longer listed, and reads as empty); false when it had none.
   * With `version`, only if the log's version is still that (false, and nothing removed, otherwise):
   * an event appended after the archive was read is never dropped with it. Only the archiver calls
   * it, for a past day whose archive it has confirmed.
   */
  dropDay(branchId: string, day: string, version?: number): Promise<boolean>;

  getRecord<T>(kind: RecordKind, id: string): Promise<VersionedRecord<T> | undefined>;
  /** A kind's live records (of one group, with `group`), ordered by id (UTF-8 byte order). */
  listRecords<T>(kind: RecordKind, opts?: ListOptions): Promise<VersionedRecord<T>[]>;
  /**
   * Writes a record if its current version is expectedVersion (0: it must not exist yet, or has
   * expired). `expiresAt` holds for this write only: a write without it makes the record lasting.
   */
  putRecord<T>(kind: RecordKind, id: string, value: T, expectedVersion: number, opts?: PutOptions): Promise<PutResult>;
  /** Deletes a record; false when there was none (or it had expired). */
  deleteRecord(kind: RecordKind, id: string): Promise<boolean>;

  /**
   * Appends one entry to the audit log and returns its id. The log is append-only: nothing in the
   * port changes or deletes an entry. Ids grow with every append, so a page's cursor stays valid.
   */
  appendAudit(entry: AuditInput): Promise<string>;
  /** Entries matching every given filter, newest first, at most `limit`. */
  listAudit(filter: AuditFilter): Promise<AuditListing>;

  /**
   * [UP1] Brings the store's schema up to date (its forward migrations, each once) and resolves with
   * its version; a store written by a newer schema rejects with SchemaTooNewError. The server awaits it
   * at start; calling it again does nothing more.
   */
  migrate(): Promise<number>;

  /** Resolves when the store answers; rejects with StoreUnavailableError when it does not (health checks). */
  ping(): Promise<void>;

  close(): Promise<void>;
}
