import { ApiError } from '@nobat/client';
import { dammDigit, requestErrors, type StaffTicket, toPersianDigits } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  applicantProblems,
  codeText,
  dayText,
  findQuery,
  mayMakeRequest,
  prefillBrought,
  receiptUrl,
  requestErrorText,
  responseUrl,
  stageText,
  stateText,
  workflowServices,
} from './format.ts';
import { requestTicket } from './visit.ts';

const CODE = `123456789${dammDigit('123456789')}`;

describe('the desk writes a request as people read it', () => {
  it('[TC2] the tracking code in groups of 3-3-4, in Persian digits (Latin in English)', () => {
    expect(codeText('fa', CODE)).toBe(toPersianDigits(`123-456-789${CODE[9]}`));
    expect(codeText('en', CODE)).toBe(`123-456-789${CODE[9]}`);
  });

  it('the promised date in Jalali with its weekday, the same day in Tehran', () => {
    // 2025-03-21 is Nowruz, 1 Farvardin 1404, a Friday.
    expect(dayText('fa', '2025-03-21')).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(dayText('en', '2025-03-21')).toBe('Friday 1 Farvardin 1404');
  });

  it('states and stages in words', () => {
    expect(stateText('fa', 'returned')).toBe('بازگشته به میز خدمت');
    expect(stateText('en', 'responded')).toBe('Response issued');
    expect(stageText('fa', 1, 3)).toBe('مرحلهٔ ۲ از ۳');
    expect(stageText('en', 0, 2)).toBe('Stage 1 of 2');
  });
});

describe('the applicant is checked before the server is asked', () => {
  const ok = { fullName: 'زهرا احمدی', nationalId: '0499370899', mobile: '09121234567', serviceId: 'premium-list' };

  it('accepts Persian digits and the usual forms of a mobile number', () => {
    expect(applicantProblems(ok)).toEqual({});
    expect(
      applicantProblems({ ...ok, nationalId: toPersianDigits('0123456789'), mobile: toPersianDigits('+989121234567') }),
    ).toEqual({});
  });

  it('names each field the server would refuse: a wrong check digit, a short name, a landline, no sub-service', () => {
    expect(applicantProblems({ ...ok, nationalId: '0499370898' })).toEqual({ nationalId: 'badNationalId' });
    expect(applicantProblems({ ...ok, nationalId: '1111111111' })).toEqual({ nationalId: 'badNationalId' });
    expect(applicantProblems({ fullName: ' ز ', nationalId: '', mobile: '02188000000', serviceId: '' })).toEqual({
      fullName: 'badFullName',
      nationalId: 'badNationalId',
      mobile: 'badMobile',
      serviceId: 'badService',
    });
  });
});

describe('[T8][RQ3] what the dialog offers', () => {
  const docs = [{ id: 'national-card' }, { id: 'booklet' }, { id: 'list' }];

  it('ticks what intake recorded as brought; nothing when the documents were never checked', () => {
    expect(prefillBrought(docs, ['booklet'])).toEqual(['national-card', 'list']);
    expect(prefillBrought(docs, [])).toEqual(['national-card', 'booklet', 'list']);
    expect(prefillBrought(docs, null)).toEqual([]);
  });

  it('offers only sub-services with a workflow', () => {
    const s = (id: string, steps: number) => ({ id, workflow: Array.from({ length: steps }) }) as never;
    expect(workflowServices([s('a', 0), s('b', 2), s('c', 1)]).map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('makes the request from the ticket being served, else the one just served', () => {
    const t = (id: string, status: StaffTicket['status']) => ({ id, status }) as StaffTicket;
    expect(requestTicket(t('now', 'serving'), t('before', 'finished'))?.id).toBe('now');
    expect(requestTicket(t('now', 'called'), t('before', 'serving'))?.id).toBe('before');
    expect(requestTicket(null, null)).toBeNull();
  });

  it("a row of the day's log is offered when it was served, for a sub-service with a workflow", () => {
    const flow = { workflow: [{}] } as never;
    expect(mayMakeRequest({ outcome: 'finished' }, flow)).toBe(true);
    expect(mayMakeRequest({ outcome: 'finished' }, { workflow: [] })).toBe(false);
    expect(mayMakeRequest({ outcome: 'finished' }, undefined)).toBe(false);
    expect(mayMakeRequest({ outcome: 'no-show' }, flow)).toBe(false);
    expect(mayMakeRequest({ outcome: 'open' }, flow)).toBe(false);
    // A request was made from it already: the row shows its code instead.
    expect(mayMakeRequest({ outcome: 'finished', requestCode: '4601170486' }, flow)).toBe(false);
  });
});

describe('finding a request', () => {
  it('[TC2] reads a code typed in Persian digits with dashes or spaces', () => {
    expect(findQuery(toPersianDigits(`123-456 789${CODE[9]}`))).toEqual({ q: CODE });
  });

  it('says at once that ten digits are neither a code nor a national ID', () => {
    const wrong = `123456789${(Number(CODE[9]) + 1) % 10}`;
    expect(findQuery(wrong)).toEqual({ problem: 'badCode' });
    expect(findQuery('0499370899')).toEqual({ q: '0499370899' });
  });

  it('passes a name through, and nothing for an empty box', () => {
    expect(findQuery(' احمدی ')).toEqual({ q: 'احمدی' });
    expect(findQuery('  ')).toBeNull();
  });
});

describe('refusals in words', () => {
  it("the request refusals in protocol's words, by code, in the reader's language", () => {
    const err = new ApiError(409, 'ticket-has-request', { fa: 'x', en: 'x' });
    expect(requestErrorText('fa', err)).toBe(requestErrors['ticket-has-request'].fa);
    expect(requestErrorText('en', new ApiError(409, 'ticket-not-served', { fa: 'x', en: 'x' }))).toBe(
      requestErrors['ticket-not-served'].en,
    );
  });

  it("anything else in the server's own words; an unknown document and a rate limit in the desk's", () => {
    expect(requestErrorText('en', new ApiError(403, 'forbidden', { fa: 'نه', en: 'No.' }))).toBe('No.');
    expect(requestErrorText('fa', new ApiError(422, 'unknown-document', { fa: 'x', en: 'x' }))).toContain('مدارک');
    expect(requestErrorText('en', new ApiError(429, 'rate-limited', { fa: 'x', en: '' }))).toContain('Too many');
  });
});

describe('the printable documents', () => {
  it('at each size and language, the id encoded', () => {
    expect(receiptUrl('r/1', 'roll80', 'fa')).toBe('/api/v1/requests/r%2F1/receipt?size=roll80&lang=fa');
    expect(responseUrl('abc', 'en')).toBe('/api/v1/requests/abc/response?lang=en');
  });
});
