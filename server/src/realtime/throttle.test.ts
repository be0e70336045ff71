import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyedThrottle } from './throttle.ts';

describe('keyedThrottle (queue counts and tracking pages, per branch)', async () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a burst within one window runs once, a window after the first request', async () => {
    const runs: string[] = [];
    const t = keyedThrottle(500, (k) => {
      runs.push(k);
    });
    t.request('b1');
    await vi.advanceTimersByTimeAsync(200);
    t.request('b1');
    t.request('b1');
    await vi.advanceTimersByTimeAsync(299);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['b1']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual(['b1']);
  });

  it('a request after a run opens a new window; keys are independent', async () => {
    const runs: string[] = [];
    const t = keyedThrottle(500, (k) => {
      runs.push(k);
    });
    t.request('b1');
    await vi.advanceTimersByTimeAsync(500);
    t.request('b1');
    t.request('b2');
    await vi.advanceTimersByTimeAsync(499);
    expect(runs).toEqual(['b1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['b1', 'b1', 'b2']);
  });

  it('cancelAll drops what is pending', async () => {
    const runs: string[] = [];
    const t = keyedThrottle(500, (k) => {
      runs.push(k);
    });
    t.request('b1');
    t.cancelAll();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([]);
  });

  it('a failing run is reported, not left as an unhandled rejection', async () => {
    const errors: string[] = [];
    const t = keyedThrottle(
      500,
      async () => {
        throw new Error('store down');
      },
      (err, key) => errors.push(`${key}: ${(err as Error).message}`),
    );
    t.request('b1');
    await vi.advanceTimersByTimeAsync(500);
    expect(errors).toEqual(['b1: store down']);
  });
});
