// Tickets are drawn and encoded off the main thread. Drawing a ticket takes 75–90 ms of CPU (560 ms
// for the first, which loads the fonts); on the main thread that is time the bus master cannot answer
// a frame in, and an RS-485 exchange waits only 150 ms for its answer. A worker thread (a pool of
// one: tickets of one office come one at a time) does it; the main thread only sends the bytes.
import { Worker } from 'node:worker_threads';
import type { PrintJob } from '@nobat/protocol';
import type { RenderOptions } from './render.ts';

export interface TicketRenderer {
  /** The ticket as ESC/POS bytes (raster, feed, cut). Rejects if it cannot be drawn. */
  render(job: PrintJob, options: RenderOptions): Promise<Uint8Array>;
  /** Gets ready (starts the thread, loads the fonts) before the first ticket. */
  warm(): void;
  close(): Promise<void>;
}

export interface RenderRequest {
  id: number;
  job: PrintJob;
  options: RenderOptions;
}
export type RenderResponse = { id: number; bytes: Uint8Array } | { id: number; error: string };

export interface WorkerRendererOptions {
  /**
   * Tests only: a shared Int32Array(3). The worker counts each render it begins in [1], then blocks
   * (as a slow render would) until [0] is set and notified, then counts it in [2]. It proves that the
   * bus keeps running while a ticket is being drawn, with no clock in the test.
   */
  hold?: Int32Array;
}

/** A renderer on one worker thread, started on first use and again after it died. */
export function workerRenderer(opts: WorkerRendererOptions = {}): TicketRenderer {
  let worker: Worker | undefined;
  let seq = 0;
  let closed = false;
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const w = new Worker(new URL('./render-worker.mjs', import.meta.url), {
      ...(opts.hold ? { workerData: { hold: opts.hold } } : {}),
    });
    w.on('message', (m: RenderResponse) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(new Uint8Array(m.bytes));
      if (pending.size === 0) w.unref(); // idle: it does not keep the process alive
    });
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`the ticket renderer stopped (exit code ${code})`));
    });
    w.unref();
    return w;
  }

  return {
    render(job, options) {
      if (closed) return Promise.reject(new Error('the ticket renderer is closed'));
      worker ??= start();
      const w = worker;
      const id = ++seq;
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, job, options } satisfies RenderRequest);
      });
    },
    warm() {
      if (!closed) worker ??= start();
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      failAll(new Error('the ticket renderer is closed'));
    },
  };
}

let shared: TicketRenderer | undefined;

/** The process's renderer, shared by its printers (one worker thread, idle between tickets). */
export function sharedRenderer(): TicketRenderer {
  shared ??= workerRenderer();
  return shared;
}
