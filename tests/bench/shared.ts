// What the bench's processes agree on.
import type { CallPayload } from '@nobat/protocol';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { writeLine } from '../support/child.ts';

export const BENCH_PASSWORD = 'bench-password-1';
/** The key the bench server's demo device tokens derive from (NOBAT_DEMO_DEVICE_KEY). */
export const BENCH_DEVICE_KEY = 'bench-demo-device-key';
/** The demo office's branch, where the single-branch scenarios run. */
export const BRANCH = DEMO_BRANCH;
/** Sub-services of the demo office without a daily cap (booklet-renewal stops at 400). */
export const UNCAPPED_SERVICES = [
  'premium-list',
  'premium-debt',
  'insured-record',
  'insured-benefits',
  'registration',
  'pension',
  'finance',
] as const;

/** The bare Socket.IO baseline sends a payload shaped and sized like the real server's. */
export function barePayload(number: string): CallPayload {
  return {
    ticketId: `${BRANCH}~AAAAAAAAAAAAAAAA${number.padStart(8, '0')}`,
    number,
    counterId: 'counter-1',
    counterNumber: 1,
    serviceId: 'premium-list',
    calledAt: new Date().toISOString(),
    recall: false,
    version: 1,
  };
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one host. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** One JSON object a line on stdout: how the bench's child processes report. */
export const say: (line: Record<string, unknown>) => void = writeLine;
