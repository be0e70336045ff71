import { describe, expect, it } from 'vitest';
import { PrintResult } from './realtime.ts';

describe('PrintResult', () => {
  it('takes the answer to a job of the longest ticket id (a 64-character branch id): the job id is that id and a time', () => {
    const branchId = 'b'.repeat(64);
    const ticketId = `${branchId}~${'x'.repeat(16)}`;
    const jobId = `${ticketId}:${Date.UTC(2026, 11, 2)}`;
    expect(jobId.length).toBeGreaterThan(64);
    const r = PrintResult.safeParse({ jobId, kioskId: 'kiosk-1', ticketId, ok: true, status: 'online' });
    expect(r.success).toBe(true);
  });
});
