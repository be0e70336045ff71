// What the rest of the server asks of notifications (issue 15): a message to a visitor's mobile,
// queued once per key in a durable outbox and sent by the outbox's worker through the configured SMS
// gateway (notify/outbox.ts, notify/gateways/*; rules NT1– in server/SPEC.md). Callers never send.
export type MessageKind =
  | 'ticket-taken'
  | 'ahead'
  | 'called'
  | 'survey'
  | 'otp'
  | 'appointment-booked'
  | 'appointment-changed'
  | 'appointment-cancelled'
  // [RN1] A request's visitor (notify/request-messages.ts).
  | 'request-created'
  | 'request-stage'
  | 'request-returned'
  | 'request-inquiry'
  | 'request-responded'
  | 'request-delivered'
  | 'request-withdrawn'
  // [SY13] To the provincial office's numbers: a branch's link to the centre down, and back.
  | 'branch-offline'
  | 'branch-online';

export interface OutgoingMessage {
  /** Idempotency key: one message per key, ever (e.g. `<ticketId>:called`, `otp:<challengeId>`). */
  key: string;
  branchId: string;
  kind: MessageKind;
  /** The mobile number, 09xxxxxxxxx (never logged unmasked). */
  to: string;
  /** The text, Persian first, complete (numbers, links). */
  text: string;
  ticketId?: string;
  /** Sent as soon as possible even in the branch's night hours (a one-time code the visitor waits for). */
  urgent?: boolean;
}

export interface Notifier {
  /** Queues the message unless one with its key exists; durable once it resolves. False: it existed. */
  enqueue(message: OutgoingMessage): Promise<boolean>;
}
