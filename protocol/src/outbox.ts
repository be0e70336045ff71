// [NT9] What a supervisor sees of the SMS outbox: each message's state, attempts and why it failed,
// the number masked (0912***4567) and a one-time code's text never shown.
import { z } from 'zod';

export const OutboxMessageState = z.enum(['queued', 'sending', 'sent', 'failed', 'dropped']);
export type OutboxMessageState = z.infer<typeof OutboxMessageState>;

export const OutboxQuery = z.object({
  state: OutboxMessageState.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxMessage = z.object({
  key: z.string(),
  kind: z.string(),
  /** Masked: 0912***4567. */
  to: z.string(),
  /** The text; null for a one-time code. */
  text: z.string().nullable(),
  ticketId: z.string().optional(),
  urgent: z.boolean(),
  state: OutboxMessageState,
  attempts: z.number().int(),
  createdAt: z.number(),
  nextAttemptAt: z.number(),
  sentAt: z.number().optional(),
  lastError: z.string().optional(),
  /** Why the last attempt failed, as a reason the console words in either language (lastError: the gateway's own text). */
  lastReason: z
    .enum([
      'timeout',
      'unreachable',
      'bad-number',
      'bad-sender',
      'bad-text',
      'credit',
      'account',
      'throttled',
      'gateway-busy',
      'refused',
      'day-over',
    ])
    .optional(),
  gateway: z.string().optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
export type SendFailure = NonNullable<OutboxMessage['lastReason']>;

/** A branch's messages, newest first. */
export const OutboxList = z.object({ branchId: z.string(), messages: z.array(OutboxMessage) });
export type OutboxList = z.infer<typeof OutboxList>;
