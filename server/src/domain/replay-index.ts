// The call-next policy over a queue that only shrinks, in O(sub-services of the counter) per pick
// instead of a scan of every waiting ticket. It gives exactly what pickNext gives (a property test
// compares them pick by pick), using three facts of the policy within one sub-service:
//  - due appointments go by slot (B2): sorted once by slot;
//  - the most overdue ticket is the one that has waited longest (B3): sorted once by arrival;
//  - the B4 order does not change with time (staticScore): sorted once; nor does B9's (class
//    weight, then arrival), sorted once too for longest-wait counters.
import {
  type Candidate,
  type CounterView,
  choose,
  consider,
  DUE,
  eligible,
  type Found,
  type PolicyContext,
  rank,
  staticScore,
  targetOf,
} from './policy.ts';

class Cursor<T extends Candidate> {
  #i = 0;
  constructor(
    readonly items: T[],
    readonly removed: ReadonlySet<Candidate>,
  ) {}
  head(): T | undefined {
    while (this.#i < this.items.length) {
      const t = this.items[this.#i];
      if (t && !this.removed.has(t)) return t;
      this.#i++;
    }
    return undefined;
  }
}

interface ServiceLists<T extends Candidate> {
  byScore: Cursor<T>;
  ordinaryByScore: Cursor<T>;
  /** [B9] Class weight (higher first), then arrival. */
  byClass: Cursor<T>;
  ordinaryByClass: Cursor<T>;
  byArrival: Cursor<T>;
  bySlot: Cursor<T>;
  /** Tickets sent to one counter (rare): ranked one by one. */
  targeted: T[];
  targetMs: number;
}

const byArrival = (x: Candidate, y: Candidate) => x.queuedAt - y.queuedAt || x.order - y.order;

export class ReplayIndex<T extends Candidate> {
  readonly #ctx: PolicyContext;
  readonly #removed = new Set<Candidate>();
  readonly #services = new Map<string, ServiceLists<T>>();

  constructor(ctx: PolicyContext, candidates: Iterable<T>) {
    this.#ctx = ctx;
    const grouped = new Map<string, { plain: T[]; targeted: T[] }>();
    for (const t of candidates) {
      let g = grouped.get(t.serviceId);
      if (!g) {
        g = { plain: [], targeted: [] };
        grouped.set(t.serviceId, g);
      }
      (t.targetCounterId === undefined ? g.plain : g.targeted).push(t);
    }
    for (const [serviceId, g] of grouped) {
      const score = new Map(g.plain.map((t) => [t, staticScore(ctx, t)]));
      const byScore = [...g.plain].sort((x, y) => (score.get(y) ?? 0) - (score.get(x) ?? 0) || byArrival(x, y));
      const kind = (t: T) => ctx.classKind.get(t.priorityId);
      const weight = (t: T) => ctx.classWeight.get(t.priorityId) ?? 0;
      const byClass = [...g.plain].sort((x, y) => weight(y) - weight(x) || byArrival(x, y));
      this.#services.set(serviceId, {
        byScore: new Cursor(byScore, this.#removed),
        ordinaryByScore: new Cursor(
          byScore.filter((t) => kind(t) !== 'priority'),
          this.#removed,
        ),
        byClass: new Cursor(byClass, this.#removed),
        ordinaryByClass: new Cursor(
          byClass.filter((t) => kind(t) !== 'priority'),
          this.#removed,
        ),
        byArrival: new Cursor([...g.plain].sort(byArrival), this.#removed),
        bySlot: new Cursor(
          g.plain
            .filter((t) => kind(t) === 'appointment' && t.appointmentAt !== undefined)
            .sort((x, y) => (x.appointmentAt ?? 0) - (y.appointmentAt ?? 0) || byArrival(x, y)),
          this.#removed,
        ),
        targeted: g.targeted,
        targetMs: targetOf(ctx, serviceId),
      });
    }
  }

  remove(t: T): void {
    this.#removed.add(t);
  }

  removed(t: T): boolean {
    return this.#removed.has(t);
  }

  /** What pickNext would give `counter` at `now` among the tickets not yet removed. */
  pick(counter: CounterView, now: number): T | undefined {
    const ctx = this.#ctx;
    // No closures in here: this runs once per step of every replay (and tsx wraps each closure it
    // creates at run time, which would cost more than the pick itself).
    const found: Found = { best: undefined, ordinary: undefined };
    for (const serviceId of counter.weights.keys()) {
      const lists = this.#services.get(serviceId);
      if (!lists) continue;
      for (const t of lists.targeted)
        if (!this.#removed.has(t) && eligible(counter, t)) consider(ctx, counter, now, found, t);
      // The service's best is its earliest due appointment, else its most overdue ticket, else its
      // B4 head; the best ordinary ticket is also offered for the ratio rule (B6).
      const slot = lists.bySlot.head();
      if (slot && rank(ctx, counter, slot, now).tier === DUE) consider(ctx, counter, now, found, slot);
      // The longest-waiting ticket matters here only when it is past its target.
      const oldest = lists.byArrival.head();
      if (oldest && now - oldest.queuedAt > lists.targetMs) consider(ctx, counter, now, found, oldest);
      const longestWait = counter.balancing === 'longest-wait';
      consider(ctx, counter, now, found, (longestWait ? lists.byClass : lists.byScore).head());
      if (ctx.maxPriorityInRow !== null) {
        consider(ctx, counter, now, found, (longestWait ? lists.ordinaryByClass : lists.ordinaryByScore).head());
      }
    }
    return choose(ctx, counter, found) as T | undefined;
  }
}
