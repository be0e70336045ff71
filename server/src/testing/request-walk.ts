// The walk the request tests take through the three-step premium-debt workflow: step 1 completed,
// step 2 returned to step 1, step 1 again, step 2, and the response issued at step 3. Every test of
// that walk expects exactly these events, in this order.
import type { RequestEvent } from '@nobat/protocol';

export const RESPONDED_WALK: readonly RequestEvent['type'][] = [
  'RequestCreated',
  'StepAccepted',
  'StepCompleted',
  'StepAccepted',
  'StepReturned',
  'StepAccepted',
  'StepCompleted',
  'StepAccepted',
  'StepCompleted',
  'StepAccepted',
  'ResponseIssued',
];
