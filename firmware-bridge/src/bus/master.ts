// The bus master: the bridge is the only master on an RS-485 bus. One request is outstanding at a
// time; a request unanswered within `timeoutMs` is sent again with the same sequence number, up to
// `retries` times; `offlineAfterMisses` unanswered frames in a row mark the address offline. Offline
// addresses are probed with PING every `probeIntervalMs` and reported online when they answer;
// online ones are pinged every `pingIntervalMs`, which also reveals a device that restarted.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import {
  BROADCAST,
  Cmd,
  type Frame,
  FrameLink,
  MAX_ADDRESS,
  MIN_ADDRESS,
  NAK,
  NakReason,
  nakReasonName,
  PingFlag,
  REPLY,
} from './frame.ts';

export type NodeState = 'unknown' | 'online' | 'offline';

export interface MasterOptions {
  /** How long to wait for an answer to each frame. */
  timeoutMs: number;
  /** How many times an unanswered request is sent again (same sequence number). */
  retries: number;
  /** Unanswered frames in a row after which an address is offline. */
  offlineAfterMisses: number;
  /** PING every online address this often. */
  pingIntervalMs: number;
  /** PING every offline address this often. */
  probeIntervalMs: number;
  /** Quiet time on the line between the end of one exchange and the next frame. */
  gapMs?: number;
}

export interface PingInfo {
  type: number;
  version: number;
  flags: number;
}

export class BusError extends Error {}
/** The device answered with a NAK. */
export class NakError extends BusError {
  constructor(
    readonly address: number,
    readonly cmd: number,
    readonly reason: number,
  ) {
    super(`address ${address} refused command 0x${cmd.toString(16)}: ${nakReasonName(reason)}`);
  }
}
/** No answer after every retry. */
export class NoAnswerError extends BusError {}
/** The address is offline: the request was not sent (the device is resynced when it comes back). */
export class OfflineError extends BusError {}
/** The bus has no port (unplugged adapter, port closed). */
export class DetachedError extends BusError {}

export interface MasterEvents {
  online: [address: number];
  offline: [address: number, reason: string];
  /** An online device answered a PING with its reset flag: it restarted and lost what it showed. */
  reset: [address: number];
  /** Bytes on the line that were not a valid frame. */
  noise: [reason: string];
}

/** How one exchange with an address ended (the last few are kept for the bus report, BUS2). */
export type ExchangeOutcome = 'answered' | 'missed' | 'garbled';

/** What the master counted for one address (the bus report's figures, PROTOCOL.md section 9). */
export interface NodeStats {
  state: NodeState;
  info: PingInfo | undefined;
  /** Epoch ms of the last valid answer; undefined: never. */
  lastAnswerAt: number | undefined;
  /** Frames in a row left unanswered. */
  consecutiveFailures: number;
  answered: number;
  missed: number;
  /** Damaged frames received while waiting for this address's answer. */
  garbled: number;
  /** The last exchanges, oldest first (at most RECENT_EXCHANGES). */
  recent: ExchangeOutcome[];
  /** The distinct `type/version` identities of the last PING answers (at most RECENT_IDENTITIES). */
  identities: string[];
}

export const RECENT_EXCHANGES = 16;
export const RECENT_IDENTITIES = 8;

/** A device found by a scan at an address nobody watches (BUS3). */
export interface Found {
  info: PingInfo;
  at: number;
}

interface Node {
  state: NodeState;
  seq: number;
  misses: number;
  lastPingAt: number;
  /** A PING was answered since the device came online (its power-up RESET flag is then behind us). */
  pinged: boolean;
  info?: PingInfo;
  lastAnswerAt?: number;
  answered: number;
  missed: number;
  garbled: number;
  recent: ExchangeOutcome[];
  /** The identities (`type/version`) of the last PING answers, newest last. */
  pings: string[];
  /** The exchange under way saw a damaged frame. */
  pendingGarbled: boolean;
}

interface Job {
  address: number;
  cmd: number;
  payload: Buffer;
  coalesce?: string;
  /** A PING the master sends itself; the only request sent to an offline address. */
  probe?: boolean;
  /** A PING of a scan (BUS3): one try, to an address nobody watches; nothing is marked offline. */
  scan?: boolean;
  waiters: { resolve: (f: Frame) => void; reject: (e: Error) => void }[];
}

type Outcome = Frame | 'timeout' | 'detached';

export class BusMaster extends EventEmitter<MasterEvents> {
  readonly #opts: Required<MasterOptions>;
  readonly #nodes = new Map<number, Node>();
  readonly #queue: Job[] = [];
  #link: FrameLink | undefined;
  #busy = false;
  #waiting: { frame: Frame; done: (o: Outcome) => void; garbled: boolean } | undefined;
  /** Addresses a scan still has to PING, and what scans found (BUS3). */
  #scanQueue: number[] = [];
  #scanDone: ((found: Map<number, Found>) => void)[] = [];
  readonly #found = new Map<number, Found>();
  #scanSeq = 0;
  #noise = 0;
  #tick: ReturnType<typeof setInterval> | undefined;
  #rotor = 0;
  #closed = false;

  constructor(opts: MasterOptions) {
    super();
    this.#opts = { gapMs: 2, ...opts };
  }

  /** Tracks an address: it is pinged, probed while offline, and reported online/offline. */
  watch(address: number): void {
    if (address < MIN_ADDRESS || address > MAX_ADDRESS) throw new RangeError(`bus address ${address} out of range`);
    if (!this.#nodes.has(address)) this.#nodes.set(address, { ...freshNode(), lastPingAt: 0 });
  }

  /** The addresses watched, in the order they were first watched. */
  get watched(): number[] {
    return [...this.#nodes.keys()];
  }

  /** Damaged frames seen on the line since the master was made. */
  get noise(): number {
    return this.#noise;
  }

  /** What the master counted for a watched address (undefined: not watched). */
  stats(address: number): NodeStats | undefined {
    const n = this.#nodes.get(address);
    if (!n) return undefined;
    return {
      state: n.state,
      info: n.info,
      lastAnswerAt: n.lastAnswerAt,
      consecutiveFailures: n.misses,
      answered: n.answered,
      missed: n.missed,
      garbled: n.garbled,
      recent: [...n.recent],
      identities: [...new Set(n.pings)],
    };
  }

  /** Devices the scans found at addresses nobody watches, by address (BUS3). */
  get found(): ReadonlyMap<number, Found> {
    return this.#found;
  }

  /**
   * PINGs every address from `from` to `to` that is not watched, once each and without retries, when
   * the line is otherwise idle (BUS3); resolves with what answered. A scan under way is extended.
   */
  scan(from = MIN_ADDRESS, to = MAX_ADDRESS): Promise<Map<number, Found>> {
    for (let a = Math.max(MIN_ADDRESS, from); a <= Math.min(MAX_ADDRESS, to); a++) {
      if (this.#nodes.has(a) || this.#scanQueue.includes(a)) continue;
      this.#found.delete(a);
      this.#scanQueue.push(a);
    }
    return new Promise((resolve) => {
      this.#scanDone.push(resolve);
      this.#pump();
      this.#scanFinished();
    });
  }

  #scanFinished(): void {
    if (this.#scanQueue.length > 0 || (this.#busy && this.#scanning)) return;
    for (const done of this.#scanDone.splice(0)) done(new Map(this.#found));
  }

  #scanning = false;
  #lastWasScan = false;

  state(address: number): NodeState {
    return this.#nodes.get(address)?.state ?? 'unknown';
  }

  /** What the device said about itself in its last PING answer. */
  info(address: number): PingInfo | undefined {
    return this.#nodes.get(address)?.info;
  }

  get attached(): boolean {
    return this.#link !== undefined;
  }

  /** Starts using `stream` (an open serial port) as the bus. */
  attach(stream: Duplex): void {
    if (this.#closed) throw new BusError('bus master closed');
    this.detach('port replaced');
    const link = new FrameLink(stream);
    link.on('frame', (f) => this.#onFrame(f));
    link.on('bad', (reason) => {
      this.#noise++;
      // A damaged frame while an answer is awaited is counted against that address (BUS2).
      if (this.#waiting) this.#waiting.garbled = true;
      this.emit('noise', reason);
    });
    this.#link = link;
    for (const node of this.#nodes.values()) node.lastPingAt = 0; // probe everything now
    this.#tick ??= setInterval(() => this.#pump(), 20);
    this.#tick.unref?.();
    this.#pump();
  }

  /** Stops using the port: what is queued fails, every address is offline until the port is back. */
  detach(reason: string): void {
    const link = this.#link;
    if (!link) return;
    this.#link = undefined;
    link.detach();
    this.#waiting?.done('detached');
    for (const job of this.#queue.splice(0)) fail(job, new DetachedError(`bus detached: ${reason}`));
    this.#scanQueue = [];
    this.#scanFinished();
    for (const [address, node] of this.#nodes) {
      if (node.state !== 'offline') {
        node.state = 'offline';
        this.emit('offline', address, reason);
      }
    }
  }

  close(): void {
    this.#closed = true;
    this.detach('closed');
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = undefined;
  }

  /**
   * Sends a command and resolves with the device's answer (rejects with NakError, NoAnswerError,
   * OfflineError or DetachedError). With `coalesce`, a request still queued under the same key is
   * replaced by this one (its callers get this one's answer): only the latest display content is sent.
   */
  request(address: number, cmd: number, payload: Buffer = Buffer.alloc(0), opts: { coalesce?: string } = {}) {
    return new Promise<Frame>((resolve, reject) => {
      if (!this.#link) return reject(new DetachedError('bus has no port'));
      if (this.state(address) === 'offline') return reject(new OfflineError(`address ${address} is offline`));
      const waiter = { resolve, reject };
      const queued = opts.coalesce ? this.#queue.find((j) => j.coalesce === opts.coalesce) : undefined;
      if (queued) {
        queued.payload = payload;
        queued.cmd = cmd;
        queued.waiters.push(waiter);
      } else {
        this.#queue.push({
          address,
          cmd,
          payload,
          waiters: [waiter],
          ...(opts.coalesce ? { coalesce: opts.coalesce } : {}),
        });
      }
      this.#pump();
    });
  }

  /** Sends a command to every device (address 0, sequence 0); devices do not answer broadcasts. */
  broadcast(cmd: number, payload: Buffer = Buffer.alloc(0)): Promise<void> {
    return this.request(BROADCAST, cmd, payload).then(() => undefined);
  }

  #pump(): void {
    if (this.#busy || !this.#link) return;
    // A scan under way takes every other turn of the line (BUS3): the devices wait a little longer meanwhile.
    const scanTurn = !this.#lastWasScan && this.#scanQueue.length > 0;
    const job =
      (scanTurn ? this.#nextScan() : undefined) ?? this.#queue.shift() ?? this.#background() ?? this.#nextScan();
    if (!job) return;
    this.#lastWasScan = job.scan === true;
    this.#busy = true;
    void this.#run(job).finally(() => {
      this.#busy = false;
      setTimeout(() => this.#pump(), this.#opts.gapMs);
    });
  }

  /** The next PING due: an online/unknown address not pinged for pingIntervalMs, or an offline one to probe. */
  #background(): Job | undefined {
    const now = Date.now();
    const addresses = [...this.#nodes.keys()];
    for (let i = 0; i < addresses.length; i++) {
      const address = addresses[(this.#rotor + i) % addresses.length] ?? 0;
      const node = this.#nodes.get(address);
      if (!node) continue;
      const every = node.state === 'offline' ? this.#opts.probeIntervalMs : this.#opts.pingIntervalMs;
      if (now - node.lastPingAt >= every) {
        this.#rotor = (this.#rotor + i + 1) % addresses.length;
        node.lastPingAt = now;
        return { address, cmd: Cmd.ping, payload: Buffer.alloc(0), probe: true, waiters: [] };
      }
    }
    return undefined;
  }

  /** The next address of a scan, when nothing else is due (BUS3). */
  #nextScan(): Job | undefined {
    const address = this.#scanQueue.shift();
    if (address === undefined) return undefined;
    return { address, cmd: Cmd.ping, payload: Buffer.alloc(0), probe: true, scan: true, waiters: [] };
  }

  async #runScan(job: Job): Promise<void> {
    this.#scanning = true;
    try {
      if (this.#nodes.has(job.address)) return; // watched meanwhile: the master pings it anyway
      this.#scanSeq = (this.#scanSeq % 255) + 1;
      const outcome = await this.#exchange({
        address: job.address,
        seq: this.#scanSeq,
        cmd: Cmd.ping,
        payload: job.payload,
      });
      if (typeof outcome === 'object' && outcome.cmd !== NAK && outcome.payload.length >= 3) {
        const info = {
          type: outcome.payload[0] ?? 0,
          version: outcome.payload[1] ?? 0,
          flags: outcome.payload[2] ?? 0,
        };
        this.#found.set(job.address, { info, at: Date.now() });
      } else if (typeof outcome === 'object') {
        this.#found.set(job.address, { info: { type: 0, version: 0, flags: 0 }, at: Date.now() });
      }
    } finally {
      this.#scanning = false;
      queueMicrotask(() => this.#scanFinished());
    }
  }

  async #run(job: Job): Promise<void> {
    if (job.scan) return this.#runScan(job);
    if (job.address === BROADCAST) {
      this.#link?.send({ address: BROADCAST, seq: 0, cmd: job.cmd, payload: job.payload });
      await sleep(this.#opts.gapMs + 5);
      for (const w of job.waiters)
        w.resolve({ address: BROADCAST, seq: 0, cmd: job.cmd | REPLY, payload: Buffer.alloc(0) });
      return;
    }
    const node = this.#nodes.get(job.address) ?? this.#newNode(job.address);
    if (node.state === 'offline' && !job.probe) return fail(job, new OfflineError(`address ${job.address} is offline`));
    if (node.state === 'unknown' && job.cmd !== Cmd.ping) {
      // The first request to a device is a PING (PROTOCOL.md, section 5): a sequence number left in
      // the device from an earlier run of the bridge then cannot pass this request for a retry.
      await this.#run({ address: job.address, cmd: Cmd.ping, payload: Buffer.alloc(0), probe: true, waiters: [] });
      const now = this.#nodes.get(job.address)?.state;
      if (now !== 'online') return fail(job, new NoAnswerError(`address ${job.address}: no answer to PING`));
    }
    node.seq = (node.seq % 255) + 1; // 1..255; 0 is for broadcasts
    const frame: Frame = { address: job.address, seq: node.seq, cmd: job.cmd, payload: job.payload };
    const attempts = node.state === 'offline' ? 1 : 1 + this.#opts.retries;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const outcome = await this.#exchange(frame, (garbled) => {
        if (garbled) this.#garbled(job.address);
      });
      if (outcome === 'detached') return fail(job, new DetachedError('bus detached'));
      if (outcome === 'timeout') {
        this.#missed(job.address);
        if (node.state === 'offline' && !job.probe) break;
        continue;
      }
      if (outcome.cmd === NAK) {
        this.#answered(job.address);
        const reason = outcome.payload[1] ?? 0;
        if (reason === NakReason.busy && attempt < attempts - 1) {
          await sleep(this.#opts.timeoutMs);
          continue;
        }
        return fail(job, new NakError(job.address, job.cmd, reason));
      }
      if (job.cmd === Cmd.ping && outcome.payload.length >= 3) {
        const info = {
          type: outcome.payload[0] ?? 0,
          version: outcome.payload[1] ?? 0,
          flags: outcome.payload[2] ?? 0,
        };
        node.info = info;
        node.pings.push(`${info.type}/${info.version}`);
        if (node.pings.length > RECENT_IDENTITIES) node.pings.shift();
        this.#answered(job.address);
        // The RESET flag in the first PING answer after coming online is the power-up we already
        // handle as "online"; later, it means the device restarted without being missed.
        if (node.pinged && info.flags & PingFlag.reset) this.emit('reset', job.address);
        node.pinged = true;
      } else {
        this.#answered(job.address);
      }
      for (const w of job.waiters) w.resolve(outcome);
      return;
    }
    fail(job, new NoAnswerError(`address ${job.address}: no answer to command 0x${job.cmd.toString(16)}`));
  }

  #newNode(address: number): Node {
    const node: Node = { ...freshNode(), lastPingAt: Date.now() };
    this.#nodes.set(address, node);
    return node;
  }

  /** Sends a frame and waits for its answer; `after` learns whether damaged frames came meanwhile. */
  #exchange(frame: Frame, after?: (garbled: boolean) => void): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const link = this.#link;
      if (!link) return resolve('detached');
      const timer = setTimeout(() => done('timeout'), this.#opts.timeoutMs);
      const done = (o: Outcome) => {
        clearTimeout(timer);
        const waiting = this.#waiting;
        if (waiting?.done === done) this.#waiting = undefined;
        after?.(waiting?.done === done && waiting.garbled);
        resolve(o);
      };
      this.#waiting = { frame, done, garbled: false };
      link.send(frame);
    });
  }

  #onFrame(f: Frame): void {
    if (!(f.cmd & REPLY)) return; // a request: our own echo on the line (devices never send requests)
    const w = this.#waiting;
    if (!w) return;
    const sent = w.frame;
    const matches =
      f.address === sent.address &&
      f.seq === sent.seq &&
      (f.cmd === (sent.cmd | REPLY) || (f.cmd === NAK && f.payload[0] === sent.cmd));
    if (matches) w.done(f);
  }

  #garbled(address: number): void {
    const node = this.#nodes.get(address);
    if (!node) return;
    node.garbled++;
    node.pendingGarbled = true;
  }

  #missed(address: number): void {
    const node = this.#nodes.get(address);
    if (!node) return;
    node.misses++;
    node.missed++;
    record(node, node.pendingGarbled ? 'garbled' : 'missed');
    node.pendingGarbled = false;
    if (node.misses >= this.#opts.offlineAfterMisses && node.state !== 'offline') {
      node.state = 'offline';
      for (const job of this.#queue.filter((j) => j.address === address && !j.probe)) {
        this.#queue.splice(this.#queue.indexOf(job), 1);
        fail(job, new OfflineError(`address ${address} is offline`));
      }
      this.emit('offline', address, `no answer to ${node.misses} frames`);
    }
  }

  #answered(address: number): void {
    const node = this.#nodes.get(address);
    if (!node) return;
    node.misses = 0;
    node.answered++;
    node.lastAnswerAt = Date.now();
    // A damaged frame and then the valid answer in one exchange: answered (the damage is counted).
    node.pendingGarbled = false;
    record(node, 'answered');
    if (node.state !== 'online') {
      node.state = 'online';
      node.pinged = false;
      this.emit('online', address);
    }
  }
}

function freshNode(): Node {
  return {
    state: 'unknown',
    seq: 0,
    misses: 0,
    lastPingAt: 0,
    pinged: false,
    answered: 0,
    missed: 0,
    garbled: 0,
    recent: [],
    pings: [],
    pendingGarbled: false,
  };
}

function record(node: Node, outcome: ExchangeOutcome): void {
  node.recent.push(outcome);
  if (node.recent.length > RECENT_EXCHANGES) node.recent.shift();
}

function fail(job: Job, error: Error): void {
  for (const w of job.waiters) w.reject(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
