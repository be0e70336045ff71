// The queue as the rest of the server sees it: commands in, outcomes out. It keeps each branch's day
// folded in memory, catches up from the store before every decision (another process may have
// appended), and appends with the expected version; on a conflict it re-decides on the fresh state.
// Commands for one branch are serialised inside the process, so conflicts only come from other
// processes sharing the store.
import { randomBytes } from 'node:crypto';
import {
  BranchConfig,
  type KeypadOutcome,
  type Message,
  Refusal,
  type RefusalCode,
  refusalMessages,
} from '@nobat/protocol';
import {
  applyAll,
  type Command,
  type DayState,
  type Decision,
  decide,
  type Estimate,
  EstimateWindow,
  emptyDay,
  type IndexedConfig,
  indexConfig,
  localDay,
  type StoredEvent,
  type Ticket,
} from '../domain/index.ts';
import { type Store, StoreUnavailableError } from '../store/port.ts';

/** A command as callers send it: the service chooses new ticket ids itself. */
export type CommandInput = Command extends infer C ? (C extends { type: 'issue' } ? Omit<C, 'ticketId'> : C) : never;

export type CommandResult =
  | {
      ok: true;
      /** The ticket the command concerned, as it is now (null: e.g. call-next on an empty queue). */
      ticket: Ticket | null;
      /** Set for an issued ticket: people ahead and the estimated wait. */
      estimate?: Estimate;
      /** What this command appended (empty when it changed nothing, e.g. a repeated request). */
      events: StoredEvent[];
      version: number;
      /** For a keypad press: what it did. */
      keypad?: KeypadOutcome;
    }
  | { ok: false; code: RefusalCode; message: Message; detail?: string };

/** Called inside the branch's turn, with its day already holding the events: project, don't mutate. */
export type EventsListener = (branchId: string, day: BranchDay, events: StoredEvent[]) => void;

export interface QueueServiceOptions {
  store: Store;
  /** Epoch ms; tests pass a fake clock. */
  clock?: () => number;
  /** Unguessable ticket ids: they double as public tracking ids. */
  newTicketId?: (branchId: string) => string;
  maxAttempts?: number;
  onListenerError?: (err: unknown) => void;
  /** How long a read configuration is trusted before it is read again (ms; default 1000). */
  configTtlMs?: number;
  /** [MEM1] A quiet day unused this long (ms, by `clock`) is released by releaseIdle (default 10 minutes). */
  dayIdleMs?: number;
  /** Monotonic ms for that TTL (default performance.now; tests move it by hand). */
  monotonic?: () => number;
  /** [SY2] On the centre: a branch run by its own branch server, whose log only sync appends to here. */
  ownedElsewhere?: (branchId: string) => boolean;
}

interface Batch {
  day: string;
  /** The log version the batch is appended to. */
  base: number;
  events: StoredEvent[];
  waiters: {
    stored: StoredEvent[];
    result: CommandResult;
    input: CommandInput;
    /** Times this command was decided again after its batch could not be written. */
    retries: number;
    resolve: (r: CommandResult) => void;
    reject: (err: unknown) => void;
  }[];
}

export interface BranchDay {
  configVersion: number;
  configRaw: string;
  /** performance.now() when the configuration record was last read. */
  configReadAt: number;
  ix: IndexedConfig;
  state: DayState;
  /** `clock` time of the last command or read that was not a background one. */
  usedAt: number;
  /**
   * [MEM1] Set while the day is released: `state` is then an empty placeholder, and the day held
   * `version` events when it was let go. Only background readers (view with background) ever see it.
   */
  released?: { version: number };
  /** [E6] Estimates at issue shared within a short window; told of every event applied to `state`. */
  estimates: EstimateWindow;
}

/** "<branchId>~<96 random bits>": unguessable, and it says which branch's log holds the ticket. */
const defaultTicketId = (branchId: string) => `${branchId}~${randomBytes(12).toString('base64url')}`;

/** The branch a ticket id names, if it is of the form this service gives. */
export function branchOfTicket(ticketId: string): string | undefined {
  const i = ticketId.indexOf('~');
  return i > 0 ? ticketId.slice(0, i) : undefined;
}

export class QueueService {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #newTicketId: (branchId: string) => string;
  readonly #maxAttempts: number;
  readonly #days = new Map<string, BranchDay>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #active = new Set<string>();
  readonly #listeners = new Set<EventsListener>();
  readonly #onListenerError: (err: unknown) => void;
  readonly #configTtlMs: number;
  readonly #dayIdleMs: number;
  readonly #monotonic: () => number;
  readonly #invalidated = new Set<string>();
  /** Per branch: decided events waiting to be written, the write under way, a write scheduled. */
  readonly #batches = new Map<string, Batch>();
  readonly #writing = new Map<string, Promise<void>>();
  readonly #scheduled = new Set<string>();
  readonly #ownedElsewhere: ((branchId: string) => boolean) | undefined;

  constructor(opts: QueueServiceOptions) {
    this.#store = opts.store;
    this.#clock = opts.clock ?? Date.now;
    this.#newTicketId = opts.newTicketId ?? defaultTicketId;
    this.#maxAttempts = opts.maxAttempts ?? 100;
    this.#onListenerError = opts.onListenerError ?? ((err) => console.error('events listener failed', err));
    this.#configTtlMs = opts.configTtlMs ?? 1000;
    this.#dayIdleMs = opts.dayIdleMs ?? 10 * 60_000;
    this.#monotonic = opts.monotonic ?? (() => performance.now());
    this.#ownedElsewhere = opts.ownedElsewhere;
  }

  /**
   * [MEM1] Lets go of every quiet day (nothing in play, every counter closed, nothing being decided or
   * written) that no command or reader has used for dayIdleMs: its tickets leave memory, and the next
   * use reads the day again from the store. Returns the branches released. `idleMs`: unused at
   * least this long (default dayIdleMs; the bench passes 0).
   */
  releaseIdle(idleMs = this.#dayIdleMs): string[] {
    const now = this.#clock();
    const released: string[] = [];
    for (const [branchId, day] of this.#days) {
      if (day.released || now - day.usedAt < idleMs) continue;
      if (this.#unwritten(branchId) || this.#active.has(branchId) || !isQuiet(day.state)) continue;
      day.released = { version: day.state.version };
      day.state = emptyDay(day.state.day);
      day.estimates.reset();
      released.push(branchId);
    }
    return released;
  }

  /** How many days this process holds in memory, and how many of them are released (metrics, bench). */
  held(): { days: number; released: number } {
    let released = 0;
    for (const day of this.#days.values()) if (day.released) released++;
    return { days: this.#days.size - released, released };
  }

  /** Resolves when every command under way has finished and is written (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#locks.size > 0 || this.#writing.size > 0 || this.#batches.size > 0) {
      await Promise.all([...this.#locks.values(), ...this.#writing.values()]);
      await new Promise((r) => setImmediate(r));
    }
  }

  /**
   * Resolves once every event this process has decided for the branch is written (or was refused).
   * For readers of the stored log who must see what this process's views already show.
   */
  settled(branchId: string): Promise<void> {
    return this.#written(branchId);
  }

  /** Called after every successful append made through this service. */
  onEvents(listener: EventsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  execute(branchId: string, input: CommandInput): Promise<CommandResult> {
    // [SY2] Deciding here would fork the branch's log from the one its branch server keeps.
    if (this.#ownedElsewhere?.(branchId)) return Promise.resolve(refusal(Refusal.branchSynced));
    return this.#run(branchId, input, 0);
  }

  async #run(branchId: string, input: CommandInput, retries: number): Promise<CommandResult> {
    // Deciding is serialised per branch; waiting for the append to be durable is not, so the
    // commands decided while one batch is being written are written together as the next (group
    // commit): one fsync, or one Redis round trip, for many commands.
    const staged = await this.#serialised(branchId, () => this.#execute(branchId, input, retries));
    return 'durable' in staged ? staged.durable : staged;
  }

  /**
   * The branch's configuration and today's state, caught up with the store. Do not mutate.
   * [MEM1] A background reader (a periodic sweep) does not count as a use, and is given a released
   * day as it is (empty placeholder state, `released` set) while the log has nothing new since.
   */
  view(branchId: string, opts: { background?: boolean } = {}): Promise<BranchDay | undefined> {
    return this.#serialised(branchId, () => this.#load(branchId, this.#clock(), true, opts.background === true));
  }

  /** A ticket of today by its id, with its branch's day (for tracking). */
  async findTicket(ticketId: string): Promise<{ day: BranchDay; ticket: Ticket } | undefined> {
    const branchId = branchOfTicket(ticketId);
    if (!branchId) return undefined;
    const day = await this.view(branchId);
    const ticket = day?.state.tickets.get(ticketId);
    return day && ticket ? { day, ticket } : undefined;
  }

  async #execute(
    branchId: string,
    input: CommandInput,
    retries: number,
  ): Promise<CommandResult | { durable: Promise<CommandResult> }> {
    const cmd: Command = input.type === 'issue' ? { ...input, ticketId: this.#newTicketId(branchId) } : input;
    // The decision is made on the state this process holds, including events decided here but not
    // yet written. Accepted events are written by the branch's next batch, and the command is
    // answered only once that batch is durable; if the batch cannot be written (another process
    // appended first), the state is read again and the command decided again. A refusal or a no-op
    // is answered only when confirmed on a state caught up with the store, with nothing unwritten,
    // so no one is refused because of events that end up not happening, or that this process had
    // not yet seen.
    let caughtUp = false;
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const now = this.#clock();
      const day = await this.#load(branchId, now, caughtUp);
      if (!day) return refusal(Refusal.unknownBranch);
      // [S2] Checked again here, with no await before the decision: a failed write may have forgotten
      // the day in the microtasks between the read's end and this line.
      if (this.#days.get(branchId) !== day) continue;
      const decision = decide(day.ix, day.state, cmd, now);
      if (!decision.ok || decision.events.length === 0) {
        if (!caughtUp || this.#unwritten(branchId)) {
          await this.#written(branchId);
          caughtUp = true;
          continue;
        }
        if (!decision.ok) return refusal(decision.code, decision.detail);
        return this.#result(day, decision, [], now, cmd);
      }
      const { state } = day;
      const stored = decision.events.map((event, i) => ({ seq: state.version + 1 + i, event }));
      const base = state.version;
      applyAll(state, stored, day.ix.isPriorityClass);
      day.estimates.applied(state, stored);
      const result = this.#result(day, decision, stored, now, cmd);
      return { durable: this.#enqueue(branchId, state.day, base, stored, result, input, retries) };
    }
    return refusal(Refusal.busy);
  }

  /** Adds a command's events to the branch's next batch; resolves when the batch is written. */
  #enqueue(
    branchId: string,
    dayKey: string,
    base: number,
    stored: StoredEvent[],
    result: CommandResult,
    input: CommandInput,
    retries: number,
  ): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
      let batch = this.#batches.get(branchId);
      if (!batch || batch.day !== dayKey) {
        batch = { day: dayKey, base, events: [], waiters: [] };
        this.#batches.set(branchId, batch);
      }
      batch.events.push(...stored);
      batch.waiters.push({ stored, result, input, retries, resolve, reject });
      this.#scheduleWrite(branchId);
    });
  }

  #scheduleWrite(branchId: string): void {
    if (this.#writing.has(branchId) || this.#scheduled.has(branchId)) return;
    this.#scheduled.add(branchId);
    // After this turn's I/O: every command decided in it joins the batch.
    setImmediate(() => {
      this.#scheduled.delete(branchId);
      const batch = this.#batches.get(branchId);
      if (!batch) return;
      this.#batches.delete(branchId);
      const writing: Promise<void> = this.#write(branchId, batch).finally(() => {
        // Only its own entry: after a failed write a newer one may already be under way.
        if (this.#writing.get(branchId) === writing) this.#writing.delete(branchId);
        if (this.#batches.has(branchId)) this.#scheduleWrite(branchId);
      });
      this.#writing.set(branchId, writing);
    });
  }

  async #write(branchId: string, batch: Batch): Promise<void> {
    let ok = false;
    let unavailable: StoreUnavailableError | undefined;
    try {
      const events = batch.events.map((e) => e.event);
      ok = (await this.#store.appendEvents(branchId, batch.day, batch.base, events)).ok;
    } catch (err) {
      if (err instanceof StoreUnavailableError) unavailable = err;
      else this.#onListenerError(err);
    }
    if (ok) {
      const day = this.#days.get(branchId);
      for (const w of batch.waiters) {
        if (day) {
          for (const listener of this.#listeners) {
            try {
              listener(branchId, day, w.stored);
            } catch (err) {
              // A failing projection must not undo or hide an append that happened.
              this.#onListenerError(err);
            }
          }
        }
        w.resolve(w.result);
      }
      return;
    }
    // Not written: what this process decided on top of it never happened. Forget the day (it is
    // read again from the store) and decide these commands again, in their order.
    this.#days.delete(branchId);
    const later = this.#batches.get(branchId);
    this.#batches.delete(branchId);
    // Nothing unwritten any more: the next command reads the log (and may start a newer write).
    this.#writing.delete(branchId);
    // The store is down: these commands fail as they are (an append is all or nothing), rather than
    // being decided again, which could repeat one whose append landed before its answer was lost.
    if (unavailable) {
      for (const w of [...batch.waiters, ...(later?.waiters ?? [])]) w.reject(unavailable);
      return;
    }
    // A little jitter, so two processes contending for one branch do not collide in lock-step.
    await sleep(Math.random() * 10);
    const again = [...batch.waiters, ...(later?.waiters ?? [])];
    // Started in order (deciding is serialised in call order), answered as each is written.
    for (const w of again) {
      if (w.retries >= this.#maxAttempts) w.resolve(refusal(Refusal.busy));
      // A store that fails again answers busy rather than leaving the caller waiting for ever.
      else
        void this.#run(branchId, w.input, w.retries + 1).then(w.resolve, (err) =>
          err instanceof StoreUnavailableError ? w.reject(err) : w.resolve(refusal(Refusal.busy)),
        );
    }
  }

  /** True while this process holds decided events of the branch not yet written. */
  #unwritten(branchId: string): boolean {
    return this.#batches.has(branchId) || this.#writing.has(branchId) || this.#scheduled.has(branchId);
  }

  /** Resolves when the branch has nothing decided and unwritten. */
  async #written(branchId: string): Promise<void> {
    while (this.#unwritten(branchId)) {
      await (this.#writing.get(branchId) ?? new Promise((r) => setImmediate(r)));
    }
  }

  #result(
    day: BranchDay,
    decision: Extract<Decision, { ok: true }>,
    events: StoredEvent[],
    now: number,
    cmd: Command,
  ): CommandResult {
    const ticket = decision.ticketId ? (day.state.tickets.get(decision.ticketId) ?? null) : null;
    const result: CommandResult = {
      ok: true,
      ticket: ticket && { ...ticket },
      events,
      version: day.state.version,
      ...(decision.keypad ? { keypad: decision.keypad } : {}),
    };
    if (cmd.type === 'issue' && ticket) result.estimate = day.estimates.atIssue(day.ix, day.state, now, ticket);
    return result;
  }

  /**
   * The branch's configuration and day. The configuration record is read again when it is older
   * than configTtlMs (another process may have changed it) or was invalidated here; the log is read
   * only when `fresh` (catch up with what other processes appended).
   */
  async #load(branchId: string, now: number, fresh: boolean, background = false): Promise<BranchDay | undefined> {
    for (;;) {
      const day = await this.#loadOnce(branchId, now, fresh, background);
      // [S2] A failed write forgets the day (#write) at any await of the read above: the copy read
      // holds events that were never written and lacks what another process appended first. A
      // decision on it could pass the store's version check and repeat a number; read it again.
      if (!day || this.#days.get(branchId) === day) return day;
      fresh = true;
    }
  }

  async #loadOnce(branchId: string, now: number, fresh: boolean, background: boolean): Promise<BranchDay | undefined> {
    /** Only the configuration is wanted (config()): the log is not read for it. */
    const configOnly = background && !fresh;
    let day = this.#days.get(branchId);
    const tick = this.#monotonic();
    if (!day || tick - day.configReadAt >= this.#configTtlMs || this.#invalidated.delete(branchId)) {
      const record = await this.#store.getRecord<unknown>('branch', branchId);
      if (!record) {
        this.#days.delete(branchId);
        return undefined;
      }
      // Keyed by content, not only version: a branch deleted and created again starts at version 1.
      const raw = JSON.stringify(record.value);
      if (!day || day.configVersion !== record.version || day.configRaw !== raw) {
        const ix = indexConfig(BranchConfig.parse(record.value));
        const state = day?.state ?? emptyDay(localDay(now, ix.config.branch.timeZone));
        // A new configuration: estimates shared under the old one are not.
        day = {
          configVersion: record.version,
          configRaw: raw,
          configReadAt: tick,
          ix,
          state,
          usedAt: day?.usedAt ?? now,
          // [MEM1] A branch first met for its configuration alone is not replayed for it: its day
          // starts released, as if let go before its first event.
          ...(day?.released ? { released: day.released } : !day && configOnly ? { released: { version: 0 } } : {}),
          estimates: new EstimateWindow(),
        };
        this.#days.set(branchId, day);
        fresh = true;
      } else day.configReadAt = tick;
    }
    if (day.released && configOnly) return day;
    // [N2] A new local day starts a new log: numbering restarts with no reset job.
    const today = localDay(now, day.ix.config.branch.timeZone);
    if (day.state.day !== today) {
      // What was decided before midnight is written to its own day's log first, never dropped.
      await this.#written(branchId);
      day.state = emptyDay(today);
      delete day.released;
      day.estimates.reset();
      fresh = true;
    }
    if (day.released) {
      // [MEM1] Still quiet (nothing appended since it was let go, by any process): a background
      // reader gets it as it is. Otherwise, or for any other use, the day is read again in full.
      if (background && (await this.#store.readEvents(branchId, today, day.released.version)).length === 0) {
        return day;
      }
      delete day.released;
      day.estimates.reset();
      fresh = true;
    }
    if (!background) day.usedAt = now;
    // Never read the log over events decided here and not yet written: they are ahead of it.
    if (fresh && !this.#unwritten(branchId)) {
      const events = await this.#store.readEvents(branchId, today, day.state.version);
      if (events.length > 0) {
        applyAll(day.state, events, day.ix.isPriorityClass);
        day.estimates.applied(day.state, events);
      }
    }
    return day;
  }

  /** The day as this process last saw it, without any I/O (right after its own command). */
  peek(branchId: string): BranchDay | undefined {
    const day = this.#days.get(branchId);
    return day?.released ? undefined : day;
  }

  /** Forget the cached configuration: the next command reads it again (after an admin change). */
  invalidateConfig(branchId: string): void {
    this.#invalidated.add(branchId);
  }

  /** The configuration of a branch, read at most every configTtlMs (no catch-up with the log). */
  config(branchId: string): Promise<IndexedConfig | undefined> {
    // [MEM1] Reading the configuration is not a use of the day: it does not keep a quiet day held.
    return this.#serialised(branchId, async () => (await this.#load(branchId, this.#clock(), false, true))?.ix);
  }

  #serialised<T>(branchId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(branchId) ?? Promise.resolve();
    // The branch's task under way, exactly while it runs (releaseIdle never pulls a day from under it).
    const guarded = async () => {
      this.#active.add(branchId);
      try {
        return await task();
      } finally {
        this.#active.delete(branchId);
      }
    };
    const run = previous.then(guarded, guarded);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(branchId, settled);
    void settled.then(() => {
      if (this.#locks.get(branchId) === settled) this.#locks.delete(branchId);
    });
    return run;
  }
}

function refusal(code: RefusalCode, detail?: string): CommandResult {
  return { ok: false, code, message: refusalMessages[code], ...(detail ? { detail } : {}) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** [MEM1] Nothing in play (waiting, called, serving, parked) and every counter closed. */
function isQuiet(state: DayState): boolean {
  if (state.liveNumbers.size > 0 || state.waiting.size > 0) return false;
  for (const c of state.counters.values()) if (c.status !== 'closed') return false;
  return true;
}
