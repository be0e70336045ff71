// [RS10] Inquiries behind a connector: an inquiry an officer sends over HTTP is handed to the
// connector; the connector's answer is entered as the system and the step goes back to its officer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../log.ts';
import { createHttpHarness, type HttpHarness, TEST_APPLICANT } from '../testing/http-harness.ts';
import { type InquiryConnector, InquiryDesk, type InquiryOut, ManualInquiries } from './inquiry.ts';
import type { RequestError } from './request-service.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

/** A request of premium-debt, taken by the enforcement officer (its first unit). */
async function takenRequest(): Promise<string> {
  await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk1', body: {} });
  const t = await h.issue('premium-debt');
  await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk1', body: {} });
  await h.request('POST', '/api/v1/counters/counter-1/start', { as: 'clerk1', body: {} });
  const r = await h.request('POST', '/api/v1/requests', {
    as: 'clerk1',
    body: { ticketId: t.id, applicant: TEST_APPLICANT },
  });
  await h.request('POST', `/api/v1/requests/${r.body.id}/accept`, { as: 'officer-enforcement', body: {} });
  return r.body.id;
}

class RecordingConnector implements InquiryConnector {
  readonly name = 'recording';
  readonly sent: InquiryOut[] = [];
  fail = false;
  async send(inquiry: InquiryOut): Promise<void> {
    this.sent.push(inquiry);
    if (this.fail) throw new Error('agency unreachable');
  }
}

describe('[RS10] inquiries through a connector', () => {
  it('[RS10] hands the inquiry over; its answer is entered as the system and the step returns to its officer', async () => {
    const requests = h.deps.requests;
    if (!requests) throw new Error('no request service');
    const connector = new RecordingConnector();
    const desk = new InquiryDesk({ requests, connector });
    const stop = desk.follow();
    const id = await takenRequest();
    const asked = await h.request('POST', `/api/v1/requests/${id}/inquiry`, {
      as: 'officer-enforcement',
      body: { agency: 'ادارهٔ ثبت اسناد', question: 'سند کارگاه به نام کیست؟' },
    });
    expect(asked.body.current.status).toBe('inquiry');
    expect(connector.sent).toEqual([
      {
        requestId: id,
        code: asked.body.code,
        branchId: asked.body.branchId,
        step: 0,
        seq: asked.body.version,
        agency: 'ادارهٔ ثبت اسناد',
        question: 'سند کارگاه به نام کیست؟',
      },
    ]);
    const answered = await desk.answer(id, 'به نام کارفرما، پلاک ۲۱۴');
    expect(answered.current).toMatchObject({ status: 'accepted', assignee: { id: 'officer-enforcement' } });
    expect(answered.events.at(-1)).toMatchObject({ type: 'InquiryAnswered', by: { kind: 'system' } });
    // No inquiry waits now: a second answer is refused and writes nothing.
    await expect(desk.answer(id, 'دوباره')).rejects.toMatchObject({
      code: 'no-inquiry',
    } satisfies Partial<RequestError>);
    stop();
    // Stopped: a later inquiry is not handed over.
    await h.request('POST', `/api/v1/requests/${id}/inquiry`, {
      as: 'officer-enforcement',
      body: { agency: 'شهرداری', question: 'پایان کار؟' },
    });
    expect(connector.sent).toHaveLength(1);
  });

  it('[RS10] a connector that fails leaves the inquiry waiting for a typed answer; by hand, nothing is sent', async () => {
    const requests = h.deps.requests;
    if (!requests) throw new Error('no request service');
    const connector = new RecordingConnector();
    connector.fail = true;
    const errors: unknown[] = [];
    // Only `error` is called: a stand-in that keeps what it was given.
    const logger = { error: (o: unknown) => errors.push(o) } as unknown as Logger;
    const stop = new InquiryDesk({ requests, connector, logger }).follow();
    const id = await takenRequest();
    await h.request('POST', `/api/v1/requests/${id}/inquiry`, {
      as: 'officer-enforcement',
      body: { agency: 'شهرداری', question: 'پایان کار؟' },
    });
    await expect.poll(() => errors.length).toBe(1);
    const typed = await h.request('POST', `/api/v1/requests/${id}/inquiry-answer`, {
      as: 'officer-enforcement',
      body: { answer: 'پایان کار صادر شده است' },
    });
    expect(typed.body.current.status).toBe('accepted');
    stop();
    await expect(new ManualInquiries().send()).resolves.toBeUndefined();
  });
});
