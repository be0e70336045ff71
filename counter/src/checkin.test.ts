import { describe, expect, it } from 'vitest';
import { checkInBody } from './checkin.tsx';

describe('the desk check-in body', () => {
  it('[AP7] takes ten digits as a national ID, Persian or Latin', () => {
    expect(checkInBody('۰۴۹۹۳۷۰۸۹۹')).toEqual({ nationalId: '0499370899' });
    expect(checkInBody(' 0499370899 ')).toEqual({ nationalId: '0499370899' });
  });

  it('[AP7] takes anything else as a booking code, in Latin digits', () => {
    expect(checkInBody('۱۲۳۴۵۶۷')).toEqual({ code: '1234567' });
    expect(checkInBody('123-4567')).toEqual({ code: '1234567' });
  });
});
