// The central server's side of upward sync (server/SPEC.md SY1–SY9): branch links and their tokens, the
// `/sync` namespace that branch servers connect to, the merge of their day logs into this server's live
// store (the mirror the supervisor views and the archiver read), link state and the outage log.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type BranchLinkListItem,
  type BranchLinkView,
  type BranchOutage,
  SYNC_NAMESPACE,
  type SyncAnswer,
  type SyncConfigAnswer,
  SyncDevicesBody,
  type SyncEventsAck,
  SyncEventsBody,
  SyncRefusal,
  SyncSurveysBody,
} from '@nobat/protocol';
import type { Namespace, Server } from 'socket.io';
import type { StoredEvent } from '../domain/events.ts';
import { type LinkState, linkDown, linkUp, mergeBatch } from '../domain/sync.ts';
import type { Logger } from '../log.ts';
import { type Store, StoreUnavailableError } from '../store/port.ts';

/** What a `/sync` socket was let in with: its branch, and the hash of the token it gave. */
interface SyncSocketData {
  branchId: string;
  secretHash: string;
  /** The count of link lists begun when it was let in. */
  read: number;
}

export interface BranchLinkRecord {
  branchId: string;
  secretHash: string;
  createdAt: string;
}

export interface SyncDay {
  seq: number;
  final: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** [SY1] A new link's token, `<branchId>.<secret>`: the branch server learns its branch from it. */
export function newBranchLink(branchId: string, createdAt: string): { record: BranchLinkRecord; token: string } {
  const secret = randomBytes(24).toString('base64url');
  return { record: { branchId, secretHash: sha256(secret), createdAt }, token: `${branchId}.${secret}` };
}

/** The branch a token names (the part before the first dot), without checking it. */
export function branchOfToken(token: string): string | undefined {
  const i = token.indexOf('.');
  return i > 0 ? token.slice(0, i) : undefined;
}

export interface SyncCentreOptions {
  store: Store;
  clock: () => number;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** How often the set of linked branches is read again (other processes may link one; ms). */
  refreshMs?: number;
  /** [SY10] Told when a branch's link goes down or comes back (the alert service raises or resolves its alert). */
  onLinkChange?: (branchId: string, connected: boolean) => void;
  /** [SY11] Told when a branch server sent its devices' health (alerts are evaluated again). */
  onDevices?: (branchId: string) => void;
}

export class SyncCentre {
  readonly #o: SyncCentreOptions;
  /** The linked branches, each with its token's hash (a socket's link is cut when its hash is gone). */
  #linked = new Map<string, string>();
  #namespace: Namespace | undefined;
  /** How many times the links have been listed (a socket notes the count it was let in at). */
  #reads = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Per branch-day, merges run one at a time (one branch server sends in order; a reconnect may overlap). */
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(options: SyncCentreOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    await this.refresh();
    // [SY6] On the embedded store this is the only process: no branch server is connected to it yet,
    // whatever the state a process before it left (its end is then the outage's start).
    if (this.#o.store.kind === 'sqlite') {
      const at = this.#o.clock();
      for (const r of await this.#o.store.listRecords<LinkState>('branch-link-state')) {
        const connection = r.value.connection;
        if (r.value.connected && connection) {
          await this.#linkChange(r.id, (prev) => {
            const next = linkDown(prev, connection, at);
            return next && { next };
          });
        }
      }
    }
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.#o.logger.warn({ err }, 'sync: links not read'));
    }, this.#o.refreshMs ?? 2_000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async refresh(): Promise<void> {
    const reading = ++this.#reads;
    const links = await this.#o.store.listRecords<BranchLinkRecord>('branch-link');
    this.#linked = new Map(links.map((r) => [r.id, r.value.secretHash]));
    // [SY1] A revoked (or replaced) link's connections on this process are cut at once; not one let in
    // while this list was being read (its link may be newer than the list).
    for (const socket of this.#namespace?.sockets.values() ?? []) {
      const { branchId, secretHash, read } = socket.data as SyncSocketData;
      if (read < reading && this.#linked.get(branchId) !== secretHash) socket.disconnect(true);
    }
  }

  /** [SY2] Whether a branch is owned by its branch server (the queue refuses commands for it here). */
  isLinked(branchId: string): boolean {
    return this.#linked.has(branchId);
  }

  /** [SY10] A linked branch's link state (undefined: not linked, or never connected). */
  async linkState(branchId: string): Promise<LinkState | undefined> {
    if (!this.isLinked(branchId)) return undefined;
    return (await this.#o.store.getRecord<LinkState>('branch-link-state', branchId))?.value;
  }

  /** The branch a token is the link of, or undefined. */
  async verify(token: string): Promise<string | undefined> {
    return (await this.#verified(token))?.branchId;
  }

  async #verified(token: string): Promise<Omit<SyncSocketData, 'read'> | undefined> {
    const branchId = branchOfToken(token);
    if (!branchId) return undefined;
    const link = await this.#o.store.getRecord<BranchLinkRecord>('branch-link', branchId);
    if (!link) return undefined;
    const given = Buffer.from(sha256(token.slice(branchId.length + 1)));
    const kept = Buffer.from(link.value.secretHash);
    return given.length === kept.length && timingSafeEqual(given, kept)
      ? { branchId, secretHash: link.value.secretHash }
      : undefined;
  }

  /** [SY6] The link as the admin and supervisor views show it (one branch's entry of `links`). */
  async view(branchId: string): Promise<BranchLinkView | undefined> {
    const [item] = await this.links([branchId]);
    if (!item) return undefined;
    const { outage: _outage, ...view } = item;
    return view;
  }

  /**
   * [SY6][SY7] The linked branches' links (`branchIds` undefined: every one), by branch id, each with the
   * outage under way (since when and how long so far, by this server's clock) while it is down. Reads
   * each kind once, however many branches are linked.
   */
  async links(branchIds?: readonly string[]): Promise<Omit<BranchLinkListItem, 'name'>[]> {
    const { store } = this.#o;
    const links = (await store.listRecords<BranchLinkRecord>('branch-link')).filter(
      (r) => branchIds === undefined || branchIds.includes(r.id),
    );
    if (links.length === 0) return [];
    const states = new Map((await store.listRecords<LinkState>('branch-link-state')).map((r) => [r.id, r.value]));
    const days = new Map<string, Record<string, SyncDay>>(links.map((r) => [r.id, {}]));
    for (const r of await store.listRecords<SyncDay>('sync-day')) {
      const cut = r.id.lastIndexOf('/');
      const held = days.get(r.id.slice(0, cut));
      if (held) held[r.id.slice(cut + 1)] = r.value;
    }
    const now = this.#o.clock();
    return links
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((link) => {
        const state = states.get(link.id);
        const down = state !== undefined && !state.connected;
        return {
          branchId: link.id,
          createdAt: link.value.createdAt,
          connected: state?.connected ?? false,
          since: state ? new Date(state.since).toISOString() : null,
          days: days.get(link.id) ?? {},
          outage: down
            ? { from: new Date(state.since).toISOString(), durationMs: Math.max(0, now - state.since) }
            : null,
        };
      });
  }

  /** [SY7] Outages, oldest first, with the one under way (to: null) last; `branchIds` undefined: every branch. */
  async outages(
    branchIds: readonly string[] | undefined,
    range: { from?: string; to?: string },
  ): Promise<BranchOutage[]> {
    const { store } = this.#o;
    const wanted = (b: string) => branchIds === undefined || branchIds.includes(b);
    const within = (from: string) =>
      (range.from === undefined || from.slice(0, 10) >= range.from) &&
      (range.to === undefined || from.slice(0, 10) <= range.to);
    const done = (await store.listRecords<BranchOutage>('branch-outage')).map((r) => r.value);
    const open: BranchOutage[] = [];
    for (const r of await store.listRecords<LinkState>('branch-link-state')) {
      if (!r.value.connected && (await store.getRecord('branch-link', r.id))) {
        open.push({ branchId: r.id, from: new Date(r.value.since).toISOString(), to: null, durationMs: null });
      }
    }
    return [...done.sort((a, b) => a.from.localeCompare(b.from)), ...open].filter(
      (o) => wanted(o.branchId) && within(o.from),
    );
  }

  /** [SY9] Whether the centre may archive a past day of a linked branch as final: the branch closed it there. */
  async mayFinalise(branchId: string, day: string, seq: number): Promise<boolean> {
    if (!this.isLinked(branchId)) return true;
    const synced = (await this.#o.store.getRecord<SyncDay>('sync-day', `${branchId}/${day}`))?.value;
    return synced?.final === true && synced.seq === seq;
  }

  /** Opens `/sync` on the server's Socket.IO. */
  attach(io: Server): void {
    const ns = io.of(SYNC_NAMESPACE);
    this.#namespace = ns;
    ns.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown; protocol?: unknown };
      const refuse = (code: string) => next(Object.assign(new Error(code), { data: { code } }));
      // [UP6] Every namespace's guard has already refused an outdated version; a branch server must state its own.
      if (auth.protocol === undefined) return refuse('protocol-outdated');
      if (typeof auth.token !== 'string') return refuse('unauthenticated');
      this.#verified(auth.token).then(
        (link) => {
          if (!link) return refuse('unauthenticated');
          Object.assign(socket.data as object, { ...link, read: this.#reads } satisfies SyncSocketData);
          next();
        },
        () => refuse('store-unavailable'),
      );
    });
    ns.on('connection', (socket) => {
      const { branchId } = socket.data as SyncSocketData;
      const connection = randomUUID();
      void this.#linkChange(branchId, (prev) => linkUp(prev, connection, this.#o.clock()));
      socket.on('disconnect', () => {
        void this.#linkChange(branchId, (prev) => {
          const next = linkDown(prev, connection, this.#o.clock());
          return next && { next };
        });
      });
      socket.on('sync:events', (body: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        this.receive(branchId, body).then(
          (answer) => ack(answer),
          (err: unknown) => {
            this.#o.logger.warn({ err, branchId }, 'sync: batch not merged');
            ack({ error: { code: 'store-unavailable' } });
          },
        );
      });
      socket.on('sync:devices', (body: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        this.receiveDevices(branchId, body).then(
          (a) => ack(a),
          () => ack({ error: { code: 'store-unavailable' } }),
        );
      });
      socket.on('sync:surveys', (body: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        this.receiveSurveys(branchId, body).then(
          (a) => ack(a),
          () => ack({ error: { code: 'store-unavailable' } }),
        );
      });
      socket.on('sync:config', (_body: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        this.#o.store.getRecord('branch', branchId).then(
          (r) => ack(r ? { data: { version: r.version, value: r.value } satisfies SyncConfigAnswer } : { data: null }),
          () => ack({ error: { code: 'store-unavailable' } }),
        );
      });
    });
  }

  /** [SY11] The branch's devices' health, as its branch server keeps it, replaces what the centre keeps. */
  async receiveDevices(branchId: string, body: unknown): Promise<SyncAnswer<{ devices: number }>> {
    const parsed = SyncDevicesBody.safeParse(body);
    if (!parsed.success || parsed.data.devices.some((d) => d.branchId !== branchId)) {
      return { error: { code: SyncRefusal.invalid } };
    }
    const { store } = this.#o;
    for (const d of parsed.data.devices) {
      const id = `${branchId}/${d.deviceId}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await store.getRecord('device-health', id);
        if ((await store.putRecord('device-health', id, d, current?.version ?? 0)).ok) break;
      }
    }
    this.#o.onDevices?.(branchId);
    return { data: { devices: parsed.data.devices.length } };
  }

  /** [SY12] Survey answers of the branch: kept once per ticket (an answer already kept is left as it is). */
  async receiveSurveys(branchId: string, body: unknown): Promise<SyncAnswer<{ surveys: number }>> {
    const parsed = SyncSurveysBody.safeParse(body);
    const own = (s: { ticketId: string; branchId: string }) =>
      s.branchId === branchId && s.ticketId.startsWith(`${branchId}~`);
    if (!parsed.success || !parsed.data.surveys.every(own)) return { error: { code: SyncRefusal.invalid } };
    for (const s of parsed.data.surveys) await this.#o.store.putRecord('survey', s.ticketId, s, 0);
    return { data: { surveys: parsed.data.surveys.length } };
  }

  /** [SY3]–[SY5] Merges one batch of a branch-day into this server's live store. */
  async receive(branchId: string, body: unknown): Promise<SyncAnswer<SyncEventsAck>> {
    const parsed = SyncEventsBody.safeParse(body);
    if (!parsed.success) return { error: { code: SyncRefusal.invalid } };
    const batch = parsed.data;
    const key = `${branchId}/${batch.day}`;
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.#merge(branchId, batch),
      () => this.#merge(branchId, batch),
    );
    const settled = run.catch(() => undefined);
    this.#locks.set(key, settled);
    void settled.then(() => {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    });
    return run;
  }

  async #merge(branchId: string, batch: SyncEventsBody): Promise<SyncAnswer<SyncEventsAck>> {
    const { store } = this.#o;
    const id = `${branchId}/${batch.day}`;
    const synced = await store.getRecord<SyncDay>('sync-day', id);
    const end = batch.afterSeq + batch.events.length;
    // A day closed here (and perhaps archived and dropped from the live store) takes nothing more.
    if (synced?.value.final) {
      if (end <= synced.value.seq) return { data: { seq: synced.value.seq, final: true } };
      return { error: { code: SyncRefusal.diverged, seq: synced.value.seq } };
    }
    const { have, held } = await this.#held(branchId, batch.day, batch.afterSeq);
    const events = batch.events as unknown as StoredEvent[];
    const decision = mergeBatch(have, held, { afterSeq: batch.afterSeq, events });
    if (decision.kind === 'gap') return { error: { code: SyncRefusal.gap, seq: decision.have } };
    if (decision.kind === 'diverged') {
      this.#o.logger.error({ branchId, day: batch.day, seq: decision.seq }, 'sync: branch log differs from the centre');
      return { error: { code: SyncRefusal.diverged, seq: decision.seq } };
    }
    if (decision.kind === 'invalid') return { error: { code: SyncRefusal.invalid } };
    if (decision.events.length > 0) {
      const r = await store.appendEvents(branchId, batch.day, decision.expectedVersion, decision.events);
      // Only this merge appends to a linked branch's day (the queue refuses commands for it): a
      // conflict means the log moved under us; the branch resends from what is here now.
      if (!r.ok) return { error: { code: SyncRefusal.gap, seq: r.version } };
    }
    const final = batch.final && end === decision.seq;
    await this.#putSyncDay(id, { seq: decision.seq, final });
    return { data: { seq: decision.seq, final } };
  }

  /** The seq of the centre's last event of the day, and its events after `afterSeq`. */
  async #held(branchId: string, day: string, afterSeq: number): Promise<{ have: number; held: StoredEvent[] }> {
    const { store } = this.#o;
    const from = Math.max(0, afterSeq - 1);
    const read = await store.readEvents(branchId, day, from);
    if (afterSeq > 0 && read.length === 0) {
      // Nothing at afterSeq: the centre is behind; how far it holds the day is its whole log's end.
      const all = await store.readEvents(branchId, day, 0);
      return { have: all.at(-1)?.seq ?? 0, held: [] };
    }
    return { have: read.at(-1)?.seq ?? 0, held: read.filter((e) => e.seq > afterSeq) };
  }

  async #putSyncDay(id: string, value: SyncDay): Promise<void> {
    const { store } = this.#o;
    for (;;) {
      const current = await store.getRecord<SyncDay>('sync-day', id);
      if (current && current.value.seq > value.seq) return;
      if ((await store.putRecord('sync-day', id, value, current?.version ?? 0)).ok) return;
    }
  }

  /** Writes the link state (compare-and-set, tried again on a race) and, when it closes one, the outage. */
  async #linkChange(
    branchId: string,
    change: (
      prev: LinkState | undefined,
    ) => { next: LinkState; outage?: { from: number; to: number; durationMs: number } } | undefined,
  ): Promise<void> {
    const { store, logger } = this.#o;
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        const current = await store.getRecord<LinkState>('branch-link-state', branchId);
        const result = change(current?.value);
        if (!result) return;
        const put = await store.putRecord('branch-link-state', branchId, result.next, current?.version ?? 0);
        if (!put.ok) continue;
        if (result.outage) {
          const { from, to, durationMs } = result.outage;
          const outage: BranchOutage = {
            branchId,
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            durationMs,
          };
          await store.putRecord('branch-outage', `${branchId}/${from}`, outage, 0);
          logger.info({ branchId, durationMs }, 'sync: branch link back');
        } else if (!result.next.connected) logger.warn({ branchId }, 'sync: branch link down');
        if (result.outage || !result.next.connected || !current)
          this.#o.onLinkChange?.(branchId, result.next.connected);
        return;
      }
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      logger.warn({ err, branchId }, 'sync: link state not written');
    }
  }
}
