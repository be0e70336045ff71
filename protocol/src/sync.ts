// Branch servers and upward sync (server/SPEC.md SY1–SY…): what a branch server and the central server
// say to each other over the centre's Socket.IO namespace `/sync`, and the centre's REST views of the
// links (their state and the log of outages).
import { z } from 'zod';
import { DeviceHealth } from './health.ts';
import { Id, LocalizedText } from './model.ts';

export const SYNC_NAMESPACE = '/sync';

/** [SY3] Events per batch a branch pushes (and the most the centre takes in one message). */
export const SYNC_BATCH_MAX = 500;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One event of a branch-day log as it travels: its seq and the event (checked by type only, kept as sent). */
export const SyncEvent = z.object({
  seq: z.number().int().min(1),
  event: z.looseObject({ type: z.string().min(1).max(64) }),
});

/** [SY3] Branch → centre: the events of a day after `afterSeq`, in order; `final` once the day is over and this is its end. */
export const SyncEventsBody = z.object({
  day: Day,
  afterSeq: z.number().int().min(0),
  events: z.array(SyncEvent).max(SYNC_BATCH_MAX),
  final: z.boolean().default(false),
});
export type SyncEventsBody = z.infer<typeof SyncEventsBody>;

/** [SY3][SY4] The centre's answer: how far it holds the day (`seq`), and whether the day is closed there. */
export const SyncEventsAck = z.object({ seq: z.number().int().min(0), final: z.boolean() });
export type SyncEventsAck = z.infer<typeof SyncEventsAck>;

/** Why the centre refused a batch. */
export const SyncRefusal = {
  /** [SY4] The batch starts past what the centre holds: resend from `seq`. */
  gap: 'sync-gap',
  /** [SY5] An event the centre holds differs from the branch's at the same seq: nothing written. */
  diverged: 'sync-diverged',
  /** The batch is not consecutive from afterSeq + 1, or not valid. */
  invalid: 'invalid-input',
} as const;
export type SyncRefusalCode = (typeof SyncRefusal)[keyof typeof SyncRefusal];

export type SyncAnswer<T> = { data: T } | { error: { code: SyncRefusalCode | 'store-unavailable'; seq?: number } };

/** [SY11] Branch → centre: the branch's devices' health as it keeps it, whole, when it changed. */
export const SyncDevicesBody = z.object({ devices: z.array(DeviceHealth).max(1000) });
export type SyncDevicesBody = z.infer<typeof SyncDevicesBody>;

/** [SY12] Branch → centre: visitors' survey answers (one per ticket; checked for the branch only). */
export const SyncSurveysBody = z.object({
  surveys: z
    .array(
      z.looseObject({
        ticketId: z.string().min(1).max(200),
        branchId: Id,
        day: Day,
        answeredAt: z.string().min(1).max(40),
      }),
    )
    .max(SYNC_BATCH_MAX),
});
export type SyncSurveysBody = z.infer<typeof SyncSurveysBody>;

/** [SY8] Centre → branch: the branch's configuration record as the centre has it, with the centre's version. */
export const SyncConfigAnswer = z.object({
  version: z.number().int().min(1),
  value: z.unknown(),
});
export type SyncConfigAnswer = z.infer<typeof SyncConfigAnswer>;

/** [SY6] A branch's link as the centre sees it. */
export const BranchLinkView = z.object({
  branchId: Id,
  /** Made by an admin (the token is shown once); the branch is then owned by its branch server. */
  createdAt: z.string(),
  connected: z.boolean(),
  /** ISO time the link came up or went down; null before the branch server ever connected. */
  since: z.string().nullable(),
  /** Per day the centre holds: the seq of its last event, and whether the branch closed the day. */
  days: z.record(z.string(), z.object({ seq: z.number().int().min(0), final: z.boolean() })),
});
export type BranchLinkView = z.infer<typeof BranchLinkView>;

/**
 * [SY6][SY7] A linked branch as the console lists it (`GET /api/v1/admin/branch-links`): its link, the
 * branch's name, and while the link is down the outage under way — since when, and how long so far by
 * the centre's clock (so a desk PC with a wrong clock still shows the right length).
 */
export const BranchLinkListItem = BranchLinkView.extend({
  name: LocalizedText,
  outage: z.object({ from: z.string(), durationMs: z.number().int().min(0) }).nullable(),
});
export type BranchLinkListItem = z.infer<typeof BranchLinkListItem>;

export const CreatedBranchLink = z.object({
  link: BranchLinkView,
  /** NOBAT_CENTRAL_TOKEN for the branch server: shown once, kept only as a hash. */
  token: z.string(),
});
export type CreatedBranchLink = z.infer<typeof CreatedBranchLink>;

/** [SY7] One outage of a branch's link: `to` and `durationMs` are null while it lasts. */
export const BranchOutage = z.object({
  branchId: Id,
  from: z.string(),
  to: z.string().nullable(),
  durationMs: z.number().int().min(0).nullable(),
});
export type BranchOutage = z.infer<typeof BranchOutage>;

export const BranchOutageQuery = z.object({
  branchId: Id.optional(),
  /** ISO day bounds on the outage's start (inclusive). */
  from: Day.optional(),
  to: Day.optional(),
});
