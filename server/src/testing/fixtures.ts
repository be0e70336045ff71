// A small branch for tests: three sub-services, three counters with overlapping services, the usual
// priority classes, open around the clock so a fake clock can stand anywhere.
import { BranchConfig, type BranchConfigInput, type InfoPackage } from '@nobat/protocol';

export const info = (minutes = 5): InfoPackage => ({
  addresses: ['خیابان آزادی، پلاک ۱'],
  steps: ['دریافت مدارک', 'بررسی', 'ثبت'],
  requiredDocuments: [{ id: 'id-card', title: { fa: 'کارت ملی', en: 'National ID card' } }],
  averageDuration: { value: minutes, unit: 'minute' },
  inquiries: [],
  fees: [],
  responsible: { name: 'مسئول میز خدمت', post: 'رئیس شعبه' },
});

export function testConfigInput(): BranchConfigInput {
  return {
    branch: {
      id: 'b1',
      organisationId: 'sso',
      provincialOfficeId: 'tehran',
      name: { fa: 'شعبه آزمایشی', en: 'Test branch' },
      type: 1,
      timeZone: 'Asia/Tehran',
      openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], open: '00:00', close: '24:00' }],
      settings: {},
    },
    groups: [{ id: 'g1', title: { fa: 'بیمه‌شدگان' } }],
    services: [
      {
        id: 's1',
        groupId: 'g1',
        title: { fa: 'تمدید دفترچه' },
        numbering: { from: 1001, to: 1999 },
        info: info(),
      },
      {
        id: 's2',
        groupId: 'g1',
        title: { fa: 'سابقه' },
        numbering: { prefix: 'A', from: 1, to: 999, digits: 3 },
        info: info(),
      },
      {
        id: 's3',
        groupId: 'g1',
        title: { fa: 'مستمری' },
        numbering: { from: 3001, to: 3999 },
        info: info(),
      },
    ],
    counters: [
      { id: 'c1', number: 1, title: { fa: 'باجه ۱' }, services: [{ serviceId: 's1', weight: 3 }, { serviceId: 's2' }] },
      { id: 'c2', number: 2, title: { fa: 'باجه ۲' }, services: [{ serviceId: 's2' }] },
      {
        id: 'c3',
        number: 3,
        title: { fa: 'باجه ۳' },
        services: [{ serviceId: 's1' }, { serviceId: 's2' }, { serviceId: 's3' }],
      },
    ],
    priorities: [
      { id: 'normal', title: { fa: 'عادی' }, kind: 'normal', weight: 0 },
      { id: 'elderly', title: { fa: 'سالمند' }, kind: 'priority', weight: 1 },
      { id: 'disabled', title: { fa: 'توان‌یاب' }, kind: 'priority', weight: 1.5 },
      { id: 'veteran', title: { fa: 'ایثارگر' }, kind: 'priority', weight: 1.5 },
      { id: 'pregnant', title: { fa: 'باردار' }, kind: 'priority', weight: 1.5 },
      { id: 'appointment', title: { fa: 'نوبت اینترنتی' }, kind: 'appointment', weight: 0.5 },
    ],
    clerks: [
      { id: 'k1', name: 'کارمند یک' },
      { id: 'k2', name: 'کارمند دو' },
      { id: 'k3', name: 'کارمند سه' },
    ],
  };
}

export function testConfig(edit?: (c: BranchConfigInput) => void): BranchConfig {
  const input = testConfigInput();
  edit?.(input);
  return BranchConfig.parse(input);
}
