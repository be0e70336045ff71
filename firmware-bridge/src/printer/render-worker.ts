// The ticket renderer's thread (see renderer.ts): draws the ticket and encodes it as ESC/POS, so the
// bridge's main thread, which runs the bus, never waits for a ticket to be drawn.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeTicket } from './escpos.ts';
import { renderTicket } from './render.ts';
import type { RenderRequest, RenderResponse } from './renderer.ts';

/** Tests only: [0] released, [1] renders begun, [2] renders let through (renderer.ts, `hold`). */
const hold = (workerData as { hold?: Int32Array } | undefined)?.hold;

// Warm up once, before the first visitor's ticket: the first drawing loads the fonts (about half a
// second of CPU). On this thread it holds up nothing.
try {
  renderTicket(
    {
      jobId: 'warm-up',
      kioskId: 'warm-up',
      ticketId: 'warm-up',
      number: '1000',
      serviceTitle: { fa: 'آماده‌سازی' },
      branchName: { fa: 'نوبت' },
      ahead: 0,
      etaMinutes: null,
      etaUnknown: 'no-counter-open',
      issuedAt: new Date(0).toISOString(),
      trackingUrl: 'http://localhost/t/warm-up',
    },
    { widthDots: 384 },
  );
} catch {
  // A real ticket will say what is wrong.
}

parentPort?.on('message', (m: RenderRequest) => {
  let answer: RenderResponse;
  try {
    if (hold) {
      Atomics.add(hold, 1, 1);
      Atomics.wait(hold, 0, 0, 10_000); // a render made slow on purpose: held until the test releases it
      Atomics.add(hold, 2, 1);
    }
    answer = { id: m.id, bytes: encodeTicket(renderTicket(m.job, m.options)) };
  } catch (error) {
    answer = { id: m.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
