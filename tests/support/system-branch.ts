// The branch the system tests run against: 20 counters (each serving all three sub-services, with its
// own main one), 20 clerks, open around the clock, and numbering ranges wide enough that no number
// wraps during a test, so every issued number must be new.
import { BranchConfig, type BranchConfigInput, type InfoPackage } from '@nobat/protocol';

export const BRANCH_ID = 'sys';
export const SERVICE_IDS = ['s1', 's2', 's3'] as const;
export const COUNTER_COUNT = 20;

/**
 * The instant the workers' clocks start from (they add their own elapsed time): 2030-03-10 12:00
 * Asia/Tehran. A fixed noon keeps a run from straddling local midnight, which would split the log.
 */
export const CLOCK_START = Date.UTC(2030, 2, 10, 8, 30);
export const DAY = '2030-03-10';

const pad = (n: number) => String(n).padStart(2, '0');
export const counterId = (n: number) => `c${pad(n)}`;
export const clerkId = (n: number) => `k${pad(n)}`;

const info: InfoPackage = {
  addresses: [],
  steps: ['بررسی'],
  requiredDocuments: [],
  averageDuration: { value: 5, unit: 'minute' },
  inquiries: [],
  fees: [],
  responsible: { name: 'مسئول میز خدمت', post: 'رئیس شعبه' },
};

function systemBranchInput(id: string): BranchConfigInput {
  const counters = Array.from({ length: COUNTER_COUNT }, (_, i) => {
    const main = SERVICE_IDS[i % SERVICE_IDS.length] ?? 's1';
    return {
      id: counterId(i + 1),
      number: i + 1,
      title: { fa: `باجه ${i + 1}` },
      services: SERVICE_IDS.map((serviceId) => ({ serviceId, weight: serviceId === main ? 5 : 1 })),
    };
  });
  return {
    branch: {
      id,
      organisationId: 'sso',
      provincialOfficeId: 'tehran',
      name: { fa: 'شعبه آزمون سیستم' },
      type: 1,
      timeZone: 'Asia/Tehran',
      openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], open: '00:00', close: '24:00' }],
      settings: {},
    },
    groups: [{ id: 'g1', title: { fa: 'بیمه‌شدگان' } }],
    services: [
      { id: 's1', groupId: 'g1', title: { fa: 'تمدید دفترچه' }, numbering: { from: 10000, to: 39999 }, info },
      { id: 's2', groupId: 'g1', title: { fa: 'سابقه' }, numbering: { from: 40000, to: 69999 }, info },
      { id: 's3', groupId: 'g1', title: { fa: 'مستمری' }, numbering: { from: 70000, to: 99999 }, info },
    ],
    counters,
    priorities: [
      { id: 'normal', title: { fa: 'عادی' }, kind: 'normal', weight: 0 },
      { id: 'elderly', title: { fa: 'سالمند' }, kind: 'priority', weight: 1 },
    ],
    clerks: Array.from({ length: COUNTER_COUNT }, (_, i) => ({ id: clerkId(i + 1), name: `کارمند ${i + 1}` })),
  };
}

/** The system tests' branch, under another id when a test runs several of them. */
export function systemBranch(id: string = BRANCH_ID): BranchConfig {
  return BranchConfig.parse(systemBranchInput(id));
}

/** The first number value of each sub-service's range. */
export const RANGE_START: Readonly<Record<string, number>> = { s1: 10000, s2: 40000, s3: 70000 };
