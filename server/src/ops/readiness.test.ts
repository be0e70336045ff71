// [OP2] Readiness: every check at once; a check that fails, throws or hangs past its limit is down.
import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness.ts';

describe('readiness', () => {
  it('is ready when every check answers, and names each one', async () => {
    const r = new Readiness([
      { name: 'live', ping: async () => 'PONG' },
      { name: 'history', ping: async () => undefined },
    ]);
    expect(await r.check()).toEqual({ ready: true, checks: { live: 'up', history: 'up' } });
  });

  it('counts a rejection, a throw and a hang (past the limit) as down, the others up', async () => {
    const r = new Readiness(
      [
        { name: 'live', ping: async () => 'PONG' },
        { name: 'rejects', ping: () => Promise.reject(new Error('gone')) },
        {
          name: 'throws',
          ping: () => {
            throw new Error('no connection');
          },
        },
        { name: 'hangs', ping: () => new Promise(() => {}) },
      ],
      { timeoutMs: 20 },
    );
    r.add({ name: 'added', ping: async () => 1 });
    expect(r.names).toEqual(['live', 'rejects', 'throws', 'hangs', 'added']);
    expect(await r.check()).toEqual({
      ready: false,
      checks: { live: 'up', rejects: 'down', throws: 'down', hangs: 'down', added: 'up' },
    });
  });
});
