// A small branch configuration for the floor plan's unit tests (not shipped: only tests import it).
import { BranchConfig } from '@nobat/protocol';

export const testConfig = (): BranchConfig =>
  BranchConfig.parse({
    branch: {
      id: 'b1',
      organisationId: 'org',
      provincialOfficeId: 'office',
      name: { fa: 'شعبهٔ آزمایشی' },
      type: 1,
      openingHours: [{ days: ['sat'], open: '08:00', close: '14:00' }],
    },
    groups: [
      { id: 'g1', title: { fa: 'گروه یک' }, order: 1 },
      { id: 'g2', title: { fa: 'گروه دو' }, order: 2 },
    ],
    services: [
      {
        id: 's1',
        groupId: 'g1',
        title: { fa: 'خدمت یک' },
        numbering: { from: 1001, to: 1999 },
        info: { averageDuration: { value: 5, unit: 'minute' }, responsible: { name: 'الف', post: 'ب' } },
        workflow: [
          { row: 1, title: 'دریافت', unit: 'میز', post: 'کارشناس', duration: 10, durationUnit: 'minute' },
          { row: 2, title: 'ثبت', unit: 'واحد', post: 'کارشناس', duration: 1, durationUnit: 'day' },
          { row: 3, title: 'پاسخ', unit: 'میز', post: 'کارشناس', duration: 1, durationUnit: 'day' },
        ],
      },
      {
        id: 's2',
        groupId: 'g1',
        title: { fa: 'خدمت دو' },
        numbering: { prefix: 'A', from: 1, to: 999, digits: 3 },
        info: { averageDuration: { value: 5, unit: 'minute' }, responsible: { name: 'الف', post: 'ب' } },
      },
      {
        id: 's3',
        groupId: 'g2',
        title: { fa: 'خدمت سه' },
        numbering: { from: 3001, to: 3999 },
        info: { averageDuration: { value: 5, unit: 'minute' }, responsible: { name: 'الف', post: 'ب' } },
      },
    ],
    counters: [
      {
        id: 'c1',
        number: 1,
        title: { fa: 'باجهٔ ۱' },
        services: [
          { serviceId: 's1', weight: 3 },
          { serviceId: 's2', weight: 1 },
        ],
      },
      { id: 'c2', number: 2, title: { fa: 'باجهٔ ۲' }, services: [{ serviceId: 's3', weight: 2 }] },
    ],
    priorities: [
      { id: 'normal', title: { fa: 'عادی' }, kind: 'normal', weight: 0 },
      { id: 'elderly', title: { fa: 'سالمند' }, kind: 'priority', weight: 1 },
    ],
    clerks: [
      { id: 'k1', name: 'کارمند یک', counters: ['c2'] },
      { id: 'k2', name: 'کارمند دو', counters: ['c1', 'c2'] },
      { id: 'k3', name: 'کارمند سه' },
    ],
  });
