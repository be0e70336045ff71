import { ApiError } from '@nobat/client';
import { dammDigit, type RequestStatus, toPersianDigits } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  codeOf,
  codeText,
  dayText,
  historyText,
  nationalIdOf,
  refusalText,
  stageIndex,
  stageText,
  waitText,
} from './status.ts';

const CODE = `987654321${dammDigit('987654321')}`;

const status = (over: Partial<RequestStatus> = {}): RequestStatus => ({
  code: CODE,
  branchName: { fa: 'شعبهٔ ۱۴', en: 'Branch 14' },
  serviceTitle: { fa: 'لیست حق بیمه', en: 'Premium lists' },
  state: 'in-progress',
  createdAt: '2025-03-19T06:00:00Z',
  promisedDate: '2025-03-21',
  current: { title: 'ثبت در سامانه', since: '2025-03-19T07:00:00Z', inquiry: false },
  stepCount: 3,
  history: [
    { at: '2025-03-19T06:00:00Z', type: 'created', text: null },
    { at: '2025-03-19T06:00:00Z', type: 'stage', text: 'دریافت لیست' },
    { at: '2025-03-19T07:00:00Z', type: 'stage', text: 'ثبت در سامانه' },
  ],
  missingDocuments: [],
  responseReady: false,
  ...over,
});

describe('[TC2] the code and the national ID as the visitor types them', () => {
  it('reads a code with Persian digits, dashes and spaces; refuses a mistyped digit or a swap', () => {
    expect(codeOf(toPersianDigits(`987-654 321${CODE[9]}`))).toBe(CODE);
    expect(codeOf(`987654321${(Number(CODE[9]) + 1) % 10}`)).toBeNull();
    expect(codeOf(`897654321${CODE[9]}`)).toBeNull();
    expect(codeOf('')).toBeNull();
  });

  it('checks the national ID by its check digit, in any digits', () => {
    expect(nationalIdOf(toPersianDigits('0499370899'))).toBe('0499370899');
    expect(nationalIdOf('0499370898')).toBeNull();
  });

  it('writes the code 3-3-4 in Persian digits', () => {
    expect(codeText('fa', CODE)).toBe(toPersianDigits(`987-654-321${CODE[9]}`));
  });
});

describe('[RQ16] the status in words', () => {
  it('«مرحلهٔ ۲ از ۳»: the stage by the order the steps were reached', () => {
    expect(stageIndex(status())).toBe(1);
    expect(stageText('fa', 1, 3)).toBe('مرحلهٔ ۲ از ۳');
    expect(stageText('en', 1, 3)).toBe('Stage 2 of 3');
  });

  it('a return to an earlier step keeps its number; a later step after it counts on', () => {
    const back = status({
      current: { title: 'دریافت لیست', since: '2025-03-19T08:00:00Z', inquiry: false },
      history: [...status().history, { at: '2025-03-19T08:00:00Z', type: 'stage', text: 'دریافت لیست' }],
    });
    expect(stageIndex(back)).toBe(0);
    const onward = status({
      current: { title: 'صدور پاسخ', since: '2025-03-19T09:00:00Z', inquiry: false },
      history: [
        ...back.history,
        { at: '2025-03-19T08:30:00Z', type: 'stage', text: 'ثبت در سامانه' },
        { at: '2025-03-19T09:00:00Z', type: 'stage', text: 'صدور پاسخ' },
      ],
    });
    expect(stageIndex(onward)).toBe(2);
    expect(stageIndex(status({ state: 'responded', current: null }))).toBeNull();
  });

  it('each history entry, with the stage title or the reason', () => {
    expect(historyText('fa', { at: '', type: 'stage', text: 'ثبت در سامانه' })).toBe('رسید به مرحلهٔ: ثبت در سامانه');
    expect(historyText('en', { at: '', type: 'returned', text: 'The list is unsigned' })).toBe(
      'Returned to the service desk: The list is unsigned',
    );
    expect(historyText('fa', { at: '', type: 'responded', text: null })).toBe('پاسخ صادر شد');
  });

  it('the promised date in Jalali with Persian digits', () => {
    expect(dayText('fa', '2025-03-20')).toBe('پنجشنبه ۳۰ اسفند ۱۴۰۳');
  });
});

describe('refusals in words', () => {
  it('a wrong national ID is only "not found"', () => {
    const err = new ApiError(404, 'request-not-found', { fa: 'x', en: 'x' });
    expect(refusalText('fa', err)).toContain('پیدا نشد');
    expect(refusalText('en', err)).toContain('No request was found');
  });

  it('a rate limit says how long to wait', () => {
    const err = new ApiError(429, 'rate-limited', { fa: 'x', en: 'x' }, [], 90);
    expect(refusalText('fa', err)).toBe('تلاش‌ها بیش از اندازه بود. ۲ دقیقهٔ دیگر دوباره تلاش کنید.');
    expect(refusalText('en', new ApiError(429, 'rate-limited', { fa: 'x', en: 'x' }))).toBe(
      'Too many tries. Try again a little later.',
    );
    expect(waitText('en', 60)).toBe('Try again in 1 minute.');
  });

  it('an unreachable server is a connection problem', () => {
    expect(refusalText('en', new ApiError(0, 'network', { fa: 'x', en: 'x' }))).toContain('Could not connect');
  });
});
