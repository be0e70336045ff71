// [RN1–RN4] The visitor's SMS per stage of a request: one message per visitor-relevant event, keyed by
// the event, to the applicant's mobile; internal moves send nothing; a second pass queues nothing.
import { type RequestEvent, type RequestView, toPersianDigits } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { requestView } from '../domain/requests.ts';
import { testNotifier } from '../testing/test-notifier.ts';
import { HOUR, people, RequestLife, requestConfig, respondBody, UNIT_LEGAL, UNIT_TECH } from './notices.fixtures.ts';
import { noticeKey, RequestNotices } from './notices.ts';

const T0 = Date.parse('2026-05-10T07:00:00Z'); // 10:30 in Tehran
const URL_BASE = 'https://nobat.example';

function setup(edit?: Parameters<typeof requestConfig>[0]) {
  const config = requestConfig(edit);
  const notify = testNotifier();
  let now = T0;
  const notices = new RequestNotices({ notify, publicUrl: () => URL_BASE, clock: () => now });
  const life = new RequestLife(config, T0);
  /** Each move's events, told to the notices as the service does after its write. */
  const tell = async (events = life.events) => notices.onEvents(life.record, events, config);
  return { config, notify, notices, life, tell, setNow: (t: number) => (now = t) };
}

describe('[RN1] a request’s visitor hears of each stage', () => {
  it('[RN1][RN2] created: the code in 3-3-4 groups, the promised date in Jalali, the status link, in Persian digits', async () => {
    const { notify, life, tell } = setup();
    await tell();
    const code = life.record.code;
    expect(notify.messages).toEqual([
      {
        key: noticeKey('rq-1', 1),
        branchId: 'b1',
        kind: 'request-created',
        to: '09121234567',
        text: expect.any(String),
      },
    ]);
    const text = notify.messages[0]?.text ?? '';
    const grouped = toPersianDigits(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`);
    expect(text).toContain(`کد رهگیری: ${grouped}`);
    // Made on 20 Ordibehesht 1405; seven hours of work are one working day (WD3): promised the 21st.
    expect(text).toContain('موعد پاسخ: ۱۴۰۵/۰۲/۲۱');
    expect(text).toContain(`${URL_BASE}/r/${code}`);
    expect(text).toContain('شعبه آزمایشی');
    expect(text.replace(`${URL_BASE}/r/${code}`, '')).not.toMatch(/[0-9]/); // Latin digits only in the link
  });

  it('[RN1][RN2] every stage by its title; returns, inquiry, response, delivery; nothing for acceptances, forwards, answers', async () => {
    const { notify, life, tell } = setup();
    await tell();
    const say = async (events: ReturnType<typeof life.move>) => tell(events);
    await say(life.move(people.revenue, { type: 'accept' }));
    await say(life.move(people.revenue, { type: 'complete', note: 'سوابق کامل است' }));
    await say(life.move(people.tech, { type: 'accept' }));
    await say(life.move(people.tech, { type: 'inquiry', agency: 'ثبت اسناد', question: 'سند؟' }));
    await say(life.move(people.tech, { type: 'inquiry-answer', answer: 'سند دارد' }));
    await say(life.move(people.tech, { type: 'return', reason: 'سوابق ناقص است' }));
    await say(life.move(people.revenue, { type: 'accept' }));
    await say(life.move(people.revenue, { type: 'return', reason: 'گواهی کسر از حقوق لازم است' }));
    await say(life.move(people.clerk, { type: 'resubmit', note: '' }));
    await say(life.move(people.revenue, { type: 'accept' }));
    await say(life.move(people.revenue, { type: 'forward', unit: UNIT_TECH, note: 'نظر فنی' }));
    await say(life.move(people.tech, { type: 'accept' }));
    await say(life.move(people.tech, { type: 'forward', unit: UNIT_LEGAL, note: '' }));
    await say(life.move(people.legal, { type: 'accept' }));
    await say(life.move(people.legal, { type: 'complete', note: '' }));
    await say(life.move(people.tech, { type: 'accept' }));
    await say(life.move(people.tech, { type: 'complete', note: '' }));
    await say(life.move(people.legal, { type: 'accept' }));
    await say(life.move(people.legal, respondBody('2026-06-01')));
    await say(life.move(people.clerk, { type: 'deliver', channel: 'desk' }));

    const code = toPersianDigits(
      `${life.record.code.slice(0, 3)}-${life.record.code.slice(3, 6)}-${life.record.code.slice(6)}`,
    );
    const link = `${URL_BASE}/r/${life.record.code}`;
    expect(notify.messages.map((m) => [m.key, m.kind, m.text])).toEqual([
      [noticeKey('rq-1', 1), 'request-created', expect.stringContaining(code)],
      [noticeKey('rq-1', 3), 'request-stage', `درخواست ${code} به مرحلهٔ «بازدید فنی» رسید.`],
      [
        noticeKey('rq-1', 5),
        'request-inquiry',
        `برای درخواست ${code} از دستگاه دیگری استعلام شد؛ منتظر پاسخ آن هستیم.`,
      ],
      [noticeKey('rq-1', 7), 'request-stage', `درخواست ${code} برای بازبینی به مرحلهٔ «بررسی سوابق» برگشت.`],
      [
        noticeKey('rq-1', 9),
        'request-returned',
        `درخواست ${code} برای تکمیل به پیشخوان شعبه آزمایشی برگشت.\nعلت: گواهی کسر از حقوق لازم است\n${link}`,
      ],
      [noticeKey('rq-1', 10), 'request-stage', `درخواست ${code} دوباره به جریان افتاد: مرحلهٔ «بررسی سوابق».`],
      // A forward keeps the step (and its title): the office's own business; so is the inquiry's answer.
      [noticeKey('rq-1', 16), 'request-stage', `درخواست ${code} به مرحلهٔ «بازدید فنی» رسید.`],
      [noticeKey('rq-1', 18), 'request-stage', `درخواست ${code} به مرحلهٔ «صدور پاسخ» رسید.`],
      [
        noticeKey('rq-1', 20),
        'request-responded',
        `پاسخ درخواست ${code} آماده است.\nدریافت حضوری: شعبه آزمایشی\nدریافت برخط: ${link}`,
      ],
      [noticeKey('rq-1', 21), 'request-delivered', `پاسخ درخواست ${code} حضوری به شما تحویل شد.`],
    ]);
    // [RN2] Nothing internal leaks: no agency, question or answer, no notes, no staff names or units.
    const all = notify.messages.map((m) => m.text).join('\n');
    for (const secret of ['ثبت اسناد', 'سند', 'سوابق کامل', 'نظر فنی', 'یادداشت', 'نام o-', 'واحد', 'امور حقوقی']) {
      expect(all).not.toContain(secret);
    }
    expect(new Set(notify.messages.map((m) => m.to))).toEqual(new Set(['09121234567']));
  });

  it('[RN2] stage messages fit one SMS part (70 characters) with the usual titles', async () => {
    const { notify, life, tell } = setup();
    await tell(life.move(people.revenue, { type: 'accept' }));
    await tell(life.move(people.revenue, { type: 'complete', note: '' }));
    await tell(life.move(people.tech, { type: 'accept' }));
    await tell(life.move(people.tech, { type: 'return', reason: 'x' }));
    await tell(life.move(people.revenue, { type: 'accept' }));
    await tell(life.move(people.revenue, { type: 'return', reason: 'مدرک' }));
    await tell(life.move(people.clerk, { type: 'resubmit', note: '' }));
    await tell(life.move(people.clerk, { type: 'withdraw', reason: 'انصراف متقاضی' }));
    const short = notify.messages.filter((m) => m.kind !== 'request-returned');
    expect(short.map((m) => m.kind)).toEqual(['request-stage', 'request-stage', 'request-stage', 'request-withdrawn']);
    for (const m of short) expect(m.text.length, m.text).toBeLessThanOrEqual(70);
  });

  it('[RN2] a withdrawal says why; electronic delivery says the response was received online; a long reason is cut', async () => {
    const { notify, life, tell } = setup();
    await tell(life.move(people.revenue, { type: 'accept' }));
    const long = 'مدارک '.repeat(60).trim();
    await tell(life.move(people.revenue, { type: 'return', reason: long }));
    const returned = notify.messages.at(-1)?.text ?? '';
    expect(returned).toContain('…');
    expect(returned.length).toBeLessThan(260);
    await tell(life.move(people.clerk, { type: 'withdraw', reason: 'انصراف متقاضی' }));
    expect(notify.messages.at(-1)).toMatchObject({
      kind: 'request-withdrawn',
      text: expect.stringContaining('علت: انصراف متقاضی'),
    });

    const b = setup();
    for (const [who, cmd] of [
      [people.revenue, { type: 'accept' }],
      [people.revenue, { type: 'complete', note: '' }],
      [people.tech, { type: 'accept' }],
      [people.tech, { type: 'complete', note: '' }],
      [people.legal, { type: 'accept' }],
      [people.legal, respondBody('2026-06-01')],
    ] as const) {
      b.life.move(who, cmd);
    }
    await b.tell(b.life.move({ kind: 'visitor' }, { type: 'deliver', channel: 'electronic' }));
    expect(b.notify.messages.map((m) => m.kind)).toEqual(['request-delivered']);
    expect(b.notify.messages[0]?.text).toContain('برخط دریافت شد');
  });
});

describe('[RN3] once per event', () => {
  it('[RN3] the same events told twice, or read again by the catch-up, queue nothing more', async () => {
    const { notify, life, tell, config } = setup();
    await tell();
    await tell(life.move(people.revenue, { type: 'accept' }));
    await tell(life.move(people.revenue, { type: 'complete', note: '' }));
    await tell();
    expect(notify.messages.map((m) => m.key)).toEqual([noticeKey('rq-1', 1), noticeKey('rq-1', 3)]);

    // A process killed after the write of step 2's completion, before its message: the next start reads it.
    const lost = life
      .move(people.tech, { type: 'accept' })
      .concat(life.move(people.tech, { type: 'complete', note: '' }));
    expect(lost.map((e) => e.type)).toEqual(['StepAccepted', 'StepCompleted']);
    const old = new RequestLife(config, T0 - 2 * 24 * HOUR, { id: 'rq-old', ticketId: 't-old', seed: 0.3 });
    const restarted = new RequestNotices({
      notify,
      publicUrl: () => URL_BASE,
      clock: () => life.now,
      requests: { all: async () => [life.record, old.record], config: async () => config },
    });
    await restarted.catchUp();
    await restarted.catchUp();
    expect(notify.messages.map((m) => m.key)).toEqual([
      noticeKey('rq-1', 1),
      noticeKey('rq-1', 3),
      noticeKey('rq-1', 5),
    ]);
    // Two days old: out of the catch-up's window (its messages went long ago, and keys are kept 7 days).
    expect(notify.messages.some((m) => m.key.startsWith('request:rq-old:'))).toBe(false);
  });
});

describe('[RN4] the branch’s SMS switch', () => {
  it('[RN4] with settings.sms.enabled off, a request’s events queue nothing', async () => {
    const { notify, life, tell } = setup((c) => {
      c.branch.settings = { sms: { enabled: false } };
    });
    await tell();
    await tell(life.move(people.revenue, { type: 'accept' }));
    await tell(life.move(people.revenue, { type: 'complete', note: '' }));
    expect(notify.messages).toEqual([]);
  });
});

describe('[RN1] following the request service', () => {
  it('[RN1] each write told by onChange queues its messages; after unsubscribing, nothing', async () => {
    const { config, notify, notices, life } = setup();
    const listeners = new Set<(v: RequestView, fresh: RequestEvent[]) => void>();
    const service = {
      onChange(l: (v: RequestView, fresh: RequestEvent[]) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      config: async (branchId: string) => (branchId === 'b1' ? config : undefined),
    };
    const write = (fresh: RequestEvent[]) => {
      for (const l of listeners) l(requestView(config, life.record, life.now), fresh);
    };
    const stop = notices.follow(service);
    write(life.events);
    write(life.move(people.revenue, { type: 'accept' }));
    write(life.move(people.revenue, { type: 'complete', note: '' }));
    await notices.settled();
    expect(notify.messages.map((m) => [m.key, m.kind])).toEqual([
      [noticeKey('rq-1', 1), 'request-created'],
      [noticeKey('rq-1', 3), 'request-stage'],
    ]);
    stop();
    write(life.move(people.tech, { type: 'accept' }));
    write(life.move(people.tech, { type: 'complete', note: '' }));
    await notices.settled();
    expect(notify.messages).toHaveLength(2);
  });
});
