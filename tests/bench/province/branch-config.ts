// A province branch's configuration: the demo office's sub-services, groups and priority classes, with
// 6–12 counters cycled over the demo's six counter profiles (so every sub-service has a counter from
// six on, and larger branches have two counters of a kind), one clerk per counter who may staff only
// that counter (C4). Pure.
import type { BranchConfigInput } from '@nobat/protocol';
import { demoConfigInput } from '../../../server/src/demo.ts';

export const branchIdOf = (index: number): string => `prov-${String(index + 1).padStart(3, '0')}`;
export const counterIdOf = (counter: number): string => `counter-${counter + 1}`;
export const clerkIdOf = (branchId: string, counter: number): string =>
  `${branchId}-k${String(counter + 1).padStart(2, '0')}`;
export const kioskIdOf = (branchId: string): string => `kiosk-${branchId}`;

export function provinceBranchConfig(index: number, counters: number): BranchConfigInput {
  const demo = demoConfigInput();
  const id = branchIdOf(index);
  const profiles = demo.counters;
  return {
    ...demo,
    branch: {
      ...demo.branch,
      id,
      name: { fa: `شعبهٔ استانی ${index + 1}`, en: `Province branch ${index + 1}` },
      // The servers run on real time while the simulated day runs 10× faster, at any hour of any day:
      // the opening hours the model keeps (07:30–14:00, Saturday to Wednesday) are the load model's,
      // so the branch itself is open around the clock (as the demo office is).
      openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], open: '00:00', close: '24:00' }],
      settings: { ...demo.branch.settings, noShowAfterRecalls: 2 },
    },
    // No daily cap: the model's demand never reaches one, and a refusal is not what is measured.
    services: demo.services.map(({ dailyCap: _, ...s }) => s),
    counters: Array.from({ length: counters }, (_, c) => {
      const profile = profiles[c % profiles.length];
      if (!profile) throw new Error('the demo office has no counters');
      return {
        ...profile,
        id: counterIdOf(c),
        number: c + 1,
        title: { fa: `باجهٔ ${c + 1}`, en: `Counter ${c + 1}` },
      };
    }),
    clerks: Array.from({ length: counters }, (_, c) => ({
      id: clerkIdOf(id, c),
      name: `کارمند ${c + 1}`,
      counters: [counterIdOf(c)],
    })),
  };
}

/** The sub-services a counter of such a branch serves. */
export function servicesOfCounter(config: BranchConfigInput, counterId: string): string[] {
  return config.counters.find((c) => c.id === counterId)?.services.map((s) => s.serviceId) ?? [];
}
