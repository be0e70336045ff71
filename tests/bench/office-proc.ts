// The office around a load run, in its own process: COUNTERS clerks sign in and open their counters,
// PREFILL tickets are issued, and after `go` each open counter loops call-next → start (a call-next
// finishes the ticket being served) whenever more than TARGET tickets are waiting, so the queue stays
// near TARGET while the load generator issues. The parent tells it how many tickets the load has
// issued (`issued <n>`); waiting = prefilled + issued − called. `mark` prints {"kind":"stats",…}: what
// it called since the last mark and how long the queue was; `stop` prints the same as "done" and exits.
// With OFFICES (JSON: [{branchId, clerks: [{username, counterId, token}]}]) it runs an office in each of those
// branches instead, the load spread evenly over them: a branch's waiting = (prefilled + issued) / branches
// − its calls, TARGET per branch, and the queue reported is the sum over the branches.
import { exitAfter, readCommands, sleep } from '../support/child.ts';
import { counterAction, login, prefill } from './api.ts';
import { nowMs, say, UNCAPPED_SERVICES } from './shared.ts';

const url = process.env.BENCH_URL ?? '';
const counters = Number(process.env.COUNTERS ?? '6');
const prefillCount = Number(process.env.PREFILL ?? '0');
const target = Number(process.env.TARGET ?? '300');
const RUN_LIMIT_MS = 180_000;
interface OfficeSpec {
  branchId: string;
  /** A clerk signs in with BENCH_PASSWORD, or comes with a session token. */
  clerks: { username: string; counterId: string; token?: string }[];
}
const offices: OfficeSpec[] = process.env.OFFICES
  ? (JSON.parse(process.env.OFFICES) as OfficeSpec[])
  : [
      {
        branchId: '',
        clerks: Array.from({ length: counters }, (_, i) => ({
          username: `clerk${i + 1}`,
          counterId: `counter-${i + 1}`,
        })),
      },
    ];
/** At most this many calls, whatever happens (a bound on the loops). */
const MAX_CALLS = 200_000;

exitAfter('office', RUN_LIMIT_MS);

let issuedByLoad = 0;
let called = 0;
let emptyCalls = 0;
let errors = 0;
let lastError = '';
let running = false;
let prefilled = 0;
const calledIn = offices.map(() => 0);
/** Waiting in office `b`: its share of what was issued, less what its counters called. */
const waitingIn = (b: number) => Math.round((prefilled + issuedByLoad) / offices.length) - (calledIn[b] ?? 0);
const waitingNow = () => prefilled + issuedByLoad - called;
const samples: number[] = [];
/** Counters with nothing to call wait here until the load issues more (or the office stops). */
let wake: (() => void)[] = [];
const moreIssued = () => new Promise<void>((resolve) => wake.push(resolve));
const wakeAll = () => {
  const waiting = wake;
  wake = [];
  for (const w of waiting) w();
};

async function counterLoop(office: number, counterId: string, token: string): Promise<void> {
  while (running && called < MAX_CALLS) {
    if (waitingIn(office) <= target) {
      await moreIssued(); // not a poll: with 150 counters a 2 ms poll would take the server's CPU
      continue;
    }
    try {
      const r = await counterAction(url, token, counterId, 'call-next');
      if (!r.ticket) {
        emptyCalls++;
        await sleep(5); // nothing waiting for this counter's sub-services
        continue;
      }
      called++;
      calledIn[office] = (calledIn[office] ?? 0) + 1;
      await counterAction(url, token, counterId, 'start');
    } catch (error) {
      errors++;
      lastError = String(error);
      await sleep(20);
    }
  }
}

const tokens: { office: number; counterId: string; token: string }[] = [];
for (const [office, spec] of offices.entries()) {
  for (const { username, counterId, token: given } of spec.clerks) {
    const token = given ?? (await login(url, username));
    await counterAction(url, token, counterId, 'open');
    tokens.push({ office, counterId, token });
  }
}
prefilled = await prefill(url, prefillCount, UNCAPPED_SERVICES);
say({ kind: 'ready', counters: tokens.length, prefilled });

let loops: Promise<void>[] = [];
let sampler: ReturnType<typeof setInterval> | undefined;
// What happened since the last `mark`.
let phaseStart = nowMs();
let phaseCalled = 0;
let phaseEmpty = 0;

function stats(kind: 'stats' | 'done'): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const seconds = (nowMs() - phaseStart) / 1000;
  say({
    kind,
    called: called - phaseCalled,
    calledPerSecond: seconds > 0 ? Math.round((called - phaseCalled) / seconds) : 0,
    emptyCalls: emptyCalls - phaseEmpty,
    errors,
    lastError,
    waiting: {
      min: sorted[0] ?? waitingNow(),
      median: sorted[Math.floor(sorted.length / 2)] ?? waitingNow(),
      max: sorted[sorted.length - 1] ?? waitingNow(),
      end: waitingNow(),
    },
  });
  samples.length = 0;
  phaseStart = nowMs();
  phaseCalled = called;
  phaseEmpty = emptyCalls;
}

const stop = async () => {
  running = false;
  wakeAll();
  if (sampler) clearInterval(sampler);
  await Promise.all(loops);
  stats('done');
  process.exit(0);
};

readCommands(
  (word, arg) => {
    if (word === 'issued') {
      issuedByLoad = Number(arg);
      wakeAll();
    } else if (word === 'go' && !running) {
      running = true;
      phaseStart = nowMs();
      sampler = setInterval(() => {
        if (samples.length < 10_000) samples.push(waitingNow());
      }, 100);
      loops = tokens.map((t) => counterLoop(t.office, t.counterId, t.token));
    } else if (word === 'mark') stats('stats');
    else if (word === 'stop') void stop();
  },
  () => void stop(),
);
