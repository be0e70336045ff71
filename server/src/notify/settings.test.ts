// [NT5][NT8] The branch's SMS settings: defaults when absent, and carried through the configuration
// workbook (X2) like every other setting.
import { BranchConfig, SmsSettings } from '@nobat/protocol';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fromWorkbook, toXlsx } from '../config-io/index.ts';
import { indexConfig } from '../domain/decide.ts';
import { testConfig } from '../testing/fixtures.ts';
import { smsSettings } from './ticket-messages.ts';

const META = { version: 1, exportedAt: '2026-11-22T08:00:00.000Z' };

async function roundTrip(config: BranchConfig) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(config, META)) as never);
  return fromWorkbook(wb);
}

describe('[NT5][NT8] SMS settings of a branch', () => {
  it('absent: on, aheadAt 3, night 21:00–07:00', () => {
    expect(smsSettings(indexConfig(testConfig()))).toEqual({
      enabled: true,
      aheadAt: 3,
      nightFrom: '21:00',
      nightUntil: '07:00',
    });
    expect(() => SmsSettings.parse({ nightFrom: '24:00' })).toThrow();
    expect(() => SmsSettings.parse({ aheadAt: 0 })).toThrow();
  });

  it('go out to the workbook and come back in unchanged, and stay absent when absent', async () => {
    const set = testConfig((c) => {
      c.branch.settings = { sms: { enabled: false, aheadAt: 5, nightFrom: '20:30', nightUntil: '06:45' } };
    });
    const read = await roundTrip(set);
    expect(read.problems).toEqual([]);
    expect(BranchConfig.parse(read.input).branch.settings.sms).toEqual({
      enabled: false,
      aheadAt: 5,
      nightFrom: '20:30',
      nightUntil: '06:45',
    });
    const none = await roundTrip(testConfig());
    expect(BranchConfig.parse(none.input).branch.settings.sms).toBeUndefined();
  });
});
