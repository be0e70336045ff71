// One load generator of the province bench, in its own process: it plays the kiosks and the clerks of
// its share of the branches, on the simulated clock (wall time × speed since `go`), over HTTP.
//   PROVINCE_SETUP  the GeneratorSetup JSON file;  PROVINCE_OUT  where to write the GeneratorResult.
// It prints {"kind":"ready"} once the schedule is drawn, starts on `go <wall ms>` (the span's start,
// shared by every generator and the runner), and on `stop` (or at the span's end) stops sending, waits
// for the requests in flight, writes its result and prints {"kind":"done"}.
//
// Kiosks are open-loop: each visitor takes a ticket at their scheduled moment whether or not earlier
// requests have been answered. Clerks are closed-loop, as at a real counter: call, wait for the
// visitor, serve, finish, call again. A clerk calls when this process's mirror of its branch says a
// ticket waits for one of the counter's sub-services (as the counter screen shows the queue), so an
// idle counter does not poll the server; a call that finds nothing is counted as `call-next (empty)`.
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { exitAfter, readCommands } from '../../support/child.ts';
import { say } from '../shared.ts';
import { type Histogram, histogramIn, record, toWire } from './histogram.ts';
import { type Answer, Http } from './http.ts';
import { BEHAVIOUR, branchVisits, type ClerkPlan, clerkPlan, rng, subSeed, uniform, type Visit } from './model.ts';
import type { GeneratorResult, GeneratorSetup, Operation, SetupBranch, WindowStats } from './wire.ts';

const setup = JSON.parse(readFileSync(process.env.PROVINCE_SETUP ?? '', 'utf8')) as GeneratorSetup;
const outPath = process.env.PROVINCE_OUT ?? '';
const { span, speed, windowMinutes } = setup;
const spanWallMs = ((span.to - span.from) * 60_000) / speed;
exitAfter('province generator', spanWallMs + 15 * 60_000);

const http = new Http();
let startWall = 0;
let running = false;
const simNow = () => span.from + ((Date.now() - startWall) * speed) / 60_000;
const windowOf = (sim: number) => Math.max(0, Math.floor((sim - span.from) / windowMinutes));

// ---- measurements
const totals = new Map<Operation, Histogram>();
const perWindow: Map<Operation, Histogram>[] = [];
const errors = new Map<Operation, Map<string, number>>();
const inFlight = new Set<Promise<unknown>>();

async function op(
  name: Operation,
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<Answer> {
  const w = windowOf(simNow());
  const p = http.send(base, method, path, token, body);
  inFlight.add(p);
  const a = await p;
  inFlight.delete(p);
  const measured: Operation = name === 'call-next' && a.status === 200 && !ticketOf(a) ? 'call-next (empty)' : name;
  if (a.status >= 200 && a.status < 300) {
    record(histogramIn(totals, measured), a.ms);
    let win = perWindow[w];
    if (!win) {
      win = new Map();
      perWindow[w] = win;
    }
    record(histogramIn(win, measured), a.ms);
  } else {
    const e = errors.get(name) ?? errors.set(name, new Map()).get(name) ?? new Map<string, number>();
    const key = `${a.status} ${a.code ?? ''}`.trim();
    e.set(key, (e.get(key) ?? 0) + 1);
  }
  return a;
}

const ticketOf = (a: Answer): { id: string; status: string } | null =>
  (a.body as { ticket?: { id: string; status: string } | null } | undefined)?.ticket ?? null;

// Event-loop delay and CPU, per window.
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
const windows: WindowStats['loopDelay'][] = [];
const cpuShares: number[] = [];
let lastCpu = process.cpuUsage();
let lastCpuAt = performance.now();
function closeWindow(): void {
  // The monitor reports each sample's whole interval: the delay is what exceeds its resolution.
  const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  windows.push({ p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) });
  loop.reset();
  const cpu = process.cpuUsage(lastCpu);
  const now = performance.now();
  cpuShares.push((cpu.user + cpu.system) / 1000 / Math.max(1, now - lastCpuAt));
  lastCpu = process.cpuUsage();
  lastCpuAt = now;
}

// ---- sleeping on the simulated clock, cut short by the end of the span
const sleepers = new Set<() => void>();
function sleepSim(minutes: number): Promise<void> {
  if (!running) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      sleepers.delete(done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, (minutes * 60_000) / speed));
    sleepers.add(done);
  });
}

// ---- a branch: its mirror of the queue, as its counters' screens would show it
interface Phase {
  serve: number;
  absentRecalls: 0 | 1 | 2;
  late: boolean;
  transfer?: Visit['transfer'];
  park?: Visit['park'];
}

class Branch {
  readonly waiting = new Map<string, string>(); // ticket → sub-service
  readonly parkedBack = new Map<string, string>(); // parked tickets whose visitor is back
  readonly held = new Map<string, string>(); // ticket → counter (called or serving)
  readonly phases = new Map<string, Phase>();
  readonly idle: Clerk[] = [];
  readonly acknowledged: string[] = [];

  constructor(readonly b: SetupBranch) {}

  /** Something waits for `serviceId`: wake the clerk idle longest who serves it. */
  wake(serviceId: string): void {
    const i = this.idle.findIndex((c) => c.services.includes(serviceId));
    if (i >= 0) this.idle.splice(i, 1)[0]?.wakeUp();
  }
}

const serverFor = (branch: number, counter: number | undefined): string => {
  const n = setup.servers.length;
  const i = setup.routing === 'mixed' && counter !== undefined ? branch + counter : branch;
  return setup.servers[i % n] as string;
};

class Clerk {
  readonly services: string[];
  readonly base: string;
  readonly plan: ClerkPlan;
  readonly r: () => number;
  #wake: (() => void) | undefined;

  constructor(
    readonly branch: Branch,
    readonly c: number,
    readonly counterId: string,
    readonly token: string,
    services: string[],
  ) {
    this.services = services;
    this.base = serverFor(branch.b.index, c);
    this.plan = clerkPlan(setup.seed, branch.b.index, c);
    this.r = rng(subSeed(setup.seed, 0xd7, branch.b.index, c));
  }

  wakeUp(): void {
    this.#wake?.();
  }

  act(name: Operation, action: string, body?: unknown): Promise<Answer> {
    return op(name, this.base, 'POST', `/api/v1/counters/${this.counterId}/${action}`, this.token, body);
  }

  /** Idle until woken (something waits for this counter) or a simulated minute has passed. */
  async idle(): Promise<void> {
    this.branch.idle.push(this);
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      void sleepSim(1).then(resolve);
    });
    this.#wake = undefined;
    const i = this.branch.idle.indexOf(this);
    if (i >= 0) this.branch.idle.splice(i, 1);
  }

  async run(): Promise<void> {
    await sleepSim(this.plan.openDelay);
    // Opening a counter one holds already changes nothing: a failed open is simply tried again.
    while (running && (await this.act('open', 'open')).status !== 200) await sleepSim(0.5);
    let paused = false;
    while (running) {
      if (!paused && this.plan.pauseAt !== undefined && simNow() >= this.plan.pauseAt) {
        paused = true;
        await this.act('pause', 'pause', { reason: 'استراحت' });
        await sleepSim(this.plan.pauseMinutes ?? 10);
        if (!running) return;
        await this.act('resume', 'resume');
        continue;
      }
      const back = [...this.branch.parkedBack].find(([, s]) => this.services.includes(s));
      let answer: Answer;
      if (back) {
        this.branch.parkedBack.delete(back[0]);
        answer = await this.act('call (parked back)', 'call', { ticketId: back[0] });
      } else if ([...this.branch.waiting.values()].some((s) => this.services.includes(s))) {
        answer = await this.act('call-next', 'call-next');
      } else {
        await this.idle();
        continue;
      }
      const ticket = ticketOf(answer);
      if (!ticket) {
        if (answer.status === 200) await this.idle();
        else if (answer.code === 'current-ticket-open') await this.recover();
        else await sleepSim(0.5);
        continue;
      }
      const holder = this.branch.held.get(ticket.id);
      if (holder !== undefined && holder !== this.counterId) {
        doubleCalls.push(`${this.branch.b.branchId} ${ticket.id} at ${this.counterId}, held at ${holder}`);
      }
      this.branch.waiting.delete(ticket.id);
      this.branch.held.set(ticket.id, this.counterId);
      await this.serve(ticket.id);
      this.branch.held.delete(ticket.id);
    }
  }

  async serve(id: string): Promise<void> {
    const v = this.branch.phases.get(id) ?? { serve: 5, absentRecalls: 0, late: false };
    const walk = () => uniform(this.r, ...BEHAVIOUR.walkMinutes);
    if (v.absentRecalls > 0) {
      for (let i = 0; i < v.absentRecalls; i++) {
        await sleepSim(BEHAVIOUR.recallAfterMinutes);
        if (!running) return;
        await this.act('recall', 'recall');
      }
      await sleepSim(BEHAVIOUR.recallAfterMinutes);
      if (!running) return;
      // After two recalls a third marks the ticket no-show by itself (T4); after one, the clerk does.
      if (v.absentRecalls === 2) await this.act('recall', 'recall');
      else await this.act('no-show', 'no-show');
      return;
    }
    if (v.late) {
      await sleepSim(BEHAVIOUR.recallAfterMinutes);
      if (!running) return;
      await this.act('recall', 'recall');
    }
    await sleepSim(walk());
    if (!running) return;
    const started = await this.act('start', 'start');
    if (started.status !== 200) return this.recover();
    if (v.transfer) {
      const { after, to, serveAfter } = v.transfer;
      await sleepSim(v.serve * after);
      if (!running) return;
      const a = await this.act('transfer', 'transfer', { toServiceId: to, note: 'bench' });
      if (a.status !== 200) return this.recover();
      this.branch.phases.set(id, { serve: serveAfter, absentRecalls: 0, late: false });
      this.branch.waiting.set(id, to);
      this.branch.wake(to);
      return;
    }
    if (v.park) {
      const { after, returnAfter } = v.park;
      await sleepSim(v.serve * after);
      if (!running) return;
      const a = await this.act('park', 'park', { reason: 'documents' });
      if (a.status !== 200) return this.recover();
      this.branch.phases.set(id, { serve: v.serve * (1 - after), absentRecalls: 0, late: false });
      const service = serviceOf.get(id) ?? '';
      void sleepSim(returnAfter).then(() => {
        if (!running) return;
        this.branch.parkedBack.set(id, service);
        this.branch.wake(service);
      });
      return;
    }
    await sleepSim(v.serve);
    if (!running) return;
    const f = await this.act('finish', 'finish');
    if (f.status !== 200) return this.recover();
  }

  /**
   * After a failed step (its error already counted): a lost answer leaves the client not knowing what
   * the server did, as a real counter screen would not. Like a clerk reloading the desk, read what the
   * counter holds and end it (finish what is being served, no-show what is only called), until the
   * counter holds nothing. These requests are the client's own repair, not measured.
   */
  async recover(): Promise<void> {
    for (let attempt = 0; attempt < 5 && running; attempt++) {
      const desk = await http.send(this.base, 'GET', '/api/v1/clerks/me/desk', this.token);
      if (desk.status !== 200) {
        await sleepSim(0.2);
        continue;
      }
      const current = (desk.body as { current?: { id: string; status: string } | null }).current;
      if (!current) return;
      const action = current.status === 'serving' ? 'finish' : 'no-show';
      await http.send(this.base, 'POST', `/api/v1/counters/${this.counterId}/${action}`, this.token);
      recoveries++;
      this.branch.held.delete(current.id);
      this.branch.waiting.delete(current.id);
    }
  }
}

// ---- the kiosks: every branch's visitors, merged into one timeline
const branches = setup.branches.map((b) => new Branch(b));
const serviceOf = new Map<string, string>(); // ticket → its sub-service at the last park
const doubleCalls: string[] = [];
/** Tickets the clients ended themselves after a lost answer (see Clerk.recover). */
let recoveries = 0;

interface Arrival {
  at: number;
  branch: Branch;
  visit: Visit;
}
const timeline: Arrival[] = [];
for (const br of branches) {
  for (const visit of branchVisits(setup.seed, {
    index: br.b.index,
    counters: br.b.counters.length,
    daily: br.b.daily,
  })) {
    if (visit.at >= span.from && visit.at < span.to) timeline.push({ at: visit.at, branch: br, visit });
  }
}
timeline.sort((a, b) => a.at - b.at);
let nextArrival = 0;

async function issue(a: Arrival): Promise<void> {
  const { branch, visit } = a;
  const answer = await op(
    'issue',
    serverFor(branch.b.index, undefined),
    'POST',
    `/api/v1/branches/${branch.b.branchId}/tickets`,
    branch.b.kioskToken,
    { serviceId: visit.serviceId, ...(visit.priority ? { priority: visit.priority } : {}) },
  );
  const id = (answer.body as { id?: string } | undefined)?.id;
  if (answer.status !== 201 || !id) return;
  branch.acknowledged.push(id);
  branch.phases.set(id, {
    serve: visit.serve,
    absentRecalls: visit.absentRecalls,
    late: visit.late,
    ...(visit.transfer ? { transfer: visit.transfer } : {}),
    ...(visit.park ? { park: visit.park } : {}),
  });
  serviceOf.set(id, visit.serviceId);
  branch.waiting.set(id, visit.serviceId);
  branch.wake(visit.serviceId);
}

let arrivalTimer: ReturnType<typeof setTimeout> | undefined;
function pump(): void {
  if (!running) return;
  const now = simNow();
  while (nextArrival < timeline.length && (timeline[nextArrival]?.at ?? Number.POSITIVE_INFINITY) <= now) {
    const a = timeline[nextArrival++];
    if (a) void issue(a);
  }
  const next = timeline[nextArrival];
  if (!next) return;
  const wait = ((next.at - simNow()) * 60_000) / speed;
  arrivalTimer = setTimeout(pump, Math.max(0, Math.min(wait, 1_000)));
}

// ---- run and report
let clerkRuns: Promise<void>[] = [];
let windowTimer: ReturnType<typeof setInterval> | undefined;
let endTimer: ReturnType<typeof setTimeout> | undefined;
let finished = false;

async function finish(): Promise<void> {
  if (finished) return;
  finished = true;
  running = false;
  if (arrivalTimer) clearTimeout(arrivalTimer);
  if (endTimer) clearTimeout(endTimer);
  if (windowTimer) clearInterval(windowTimer);
  for (const wake of [...sleepers]) wake();
  for (const br of branches) for (const c of [...br.idle]) c.wakeUp();
  await Promise.all(clerkRuns);
  await Promise.all([...inFlight]);
  closeWindow();
  const result: GeneratorResult = {
    ops: Object.fromEntries([...totals].map(([k, h]) => [k, toWire(h)])),
    errors: Object.fromEntries([...errors].map(([k, m]) => [k, Object.fromEntries(m)])),
    windows: windows.map((loopDelay, i) => ({
      loopDelay,
      cpu: cpuShares[i] ?? 0,
      ops: Object.fromEntries([...(perWindow[i] ?? new Map<Operation, Histogram>())].map(([k, h]) => [k, toWire(h)])),
    })),
    acknowledged: Object.fromEntries(branches.map((br) => [br.b.branchId, br.acknowledged])),
    clientDoubleCalls: doubleCalls,
    recoveries,
    scheduled: timeline.length,
    unsent: timeline.length - nextArrival,
  };
  writeFileSync(outPath, JSON.stringify(result));
  http.close();
  say({ kind: 'done' });
  process.exit(0);
}

say({ kind: 'ready', scheduled: timeline.length });
readCommands(
  (word, arg) => {
    if (word === 'go' && !running && !finished) {
      startWall = Number(arg);
      const begin = () => {
        running = true;
        loop.enable();
        lastCpu = process.cpuUsage();
        lastCpuAt = performance.now();
        windowTimer = setInterval(closeWindow, (windowMinutes * 60_000) / speed);
        endTimer = setTimeout(() => void finish(), spanWallMs);
        pump();
        clerkRuns = branches.flatMap((br) =>
          br.b.counters.map((k, c) => new Clerk(br, c, k.counterId, k.clerkToken, k.services).run()),
        );
      };
      setTimeout(begin, Math.max(0, startWall - Date.now()));
    } else if (word === 'stop') void finish();
  },
  () => void finish(),
);
