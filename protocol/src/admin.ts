// The admin API's bodies and answers: the console, the server and the tests share them. Every
// configuration record is versioned: a save names the version it was made on, and a save made on a
// stale version is refused (409 version-conflict, with `conflict` saying who changed it and when).
import { z } from 'zod';
import { DeviceKind, Role, SessionUser } from './api.ts';
import { BranchConfig, Id, LocalizedText, Organisation, ProvincialOffice } from './model.ts';

/** Who made a change and when (ISO 8601). Null on records written before changes were stamped. */
export const ChangeStamp = z.object({
  by: z.object({ id: Id, name: z.string() }),
  at: z.string(),
});
export type ChangeStamp = z.infer<typeof ChangeStamp>;

/** A saved record with its version and its last change. */
const versioned = <T extends z.ZodType>(value: T) =>
  z.object({ version: z.number().int().min(1), changed: ChangeStamp.nullable(), value });

// ---- organisation tree
export const OrganisationView = versioned(Organisation);
export type OrganisationView = z.infer<typeof OrganisationView>;
export const ProvincialOfficeView = versioned(ProvincialOffice);
export type ProvincialOfficeView = z.infer<typeof ProvincialOfficeView>;
/** Create: version 0 is implied. Update: the version the edit was made on. */
export const SaveOrganisationBody = z.strictObject({ version: z.number().int().min(0), value: Organisation });
export const SaveProvincialOfficeBody = z.strictObject({ version: z.number().int().min(0), value: ProvincialOffice });

/** A branch in lists and the organisation tree (its whole configuration is fetched on its own). */
export const BranchListItem = z.object({
  id: Id,
  name: LocalizedText,
  type: z.number().int(),
  organisationId: Id,
  provincialOfficeId: Id,
  version: z.number().int(),
  changed: ChangeStamp.nullable(),
});
export type BranchListItem = z.infer<typeof BranchListItem>;

/** A branch's whole configuration with its version: GET, POST and PUT /api/v1/admin/branches… answer this. */
export const ConfigEnvelope = z.object({
  version: z.number().int(),
  changed: ChangeStamp.nullable(),
  config: BranchConfig,
});
export type ConfigEnvelope = z.infer<typeof ConfigEnvelope>;

/** Copy a branch's configuration (services, counters, priorities; no clerks) into a new branch. */
export const CopyBranchBody = z.strictObject({
  id: Id,
  name: LocalizedText,
  provincialOfficeId: Id.optional(),
});

// ---- users
export const UserView = SessionUser.extend({
  active: z.boolean(),
  version: z.number().int(),
  /** For a clerk: the counters of their branch they may staff; absent: any. */
  counters: z.array(Id).optional(),
  /** For an officer: their unit (one named in the branch's workflows). */
  unit: z.string().nullable().optional(),
  changed: ChangeStamp.nullable(),
});
export type UserView = z.infer<typeof UserView>;
export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_"');
export const CreateUserBody = z.strictObject({
  username: Username,
  name: z.string().trim().min(1).max(200),
  role: Role,
  branchId: Id.nullable(),
  password: z.string().min(8).max(200),
  counters: z.array(Id).min(1).optional(),
  /** Required for an officer: their unit (one named in the branch's workflows); refused for other roles. */
  unit: z.string().trim().min(1).max(200).optional(),
});
export type CreateUserBody = z.input<typeof CreateUserBody>;
/** A change to a user; `version` (when given) refuses the change if someone changed the user since. */
export const UpdateUserBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  branchId: Id.nullable().optional(),
  /** A new password (a reset by an admin: the user must change it at their next sign-in). */
  password: z.string().min(8).max(200).optional(),
  active: z.boolean().optional(),
  /** Null: any counter of the branch. */
  counters: z.array(Id).min(1).nullable().optional(),
  /** An officer's unit. */
  unit: z.string().trim().min(1).max(200).optional(),
});
export type UpdateUserBody = z.input<typeof UpdateUserBody>;

// ---- devices
export const DeviceView = z.object({
  id: Id,
  kind: DeviceKind,
  branchId: Id,
  name: z.string(),
  counterIds: z.array(Id),
  kioskIds: z.array(Id),
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** When the device last connected or spoke; null: never. */
  lastSeenAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;
export const CreateDeviceBody = z.strictObject({
  id: Id,
  kind: DeviceKind,
  branchId: Id,
  name: z.string().trim().min(1).max(200),
  counterIds: z.array(Id).default([]),
  kioskIds: z.array(Id).default([]),
});
export type CreateDeviceBody = z.input<typeof CreateDeviceBody>;
/** The token is shown once; the pairing link opens the device's page with it (kiosk, display). */
export const CreatedDevice = z.object({ device: DeviceView, token: z.string(), pairingUrl: z.string().nullable() });
export type CreatedDevice = z.infer<typeof CreatedDevice>;

// ---- audit log
export const AuditTargetKind = z.enum([
  'organisation',
  'provincial-office',
  'branch',
  'user',
  'device',
  // [SV2] A supervisor's actions on the floor: on a counter, on a ticket.
  'counter',
  'ticket',
  'alert',
  /** [SY1] A branch server's link to the centre. */
  'branch-link',
]);
export type AuditTargetKind = z.infer<typeof AuditTargetKind>;
export const AuditAction = z.enum([
  'create',
  'update',
  'delete',
  'import',
  'copy',
  'revoke',
  'reset-password',
  // [SV2] On the floor, on a clerk's behalf or on a waiting ticket.
  'counter-open',
  'counter-pause',
  'counter-resume',
  'counter-close',
  'ticket-move',
  'ticket-cancel',
  /** A supervisor's test through a bridge (an LED's pattern, a test print, a scan; SPEC BB3). */
  'test',
  'acknowledge',
]);
export type AuditAction = z.infer<typeof AuditAction>;
/** One admin change: who, when, from where, what, and the record before and after (secrets left out). */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: Id, name: z.string(), role: Role }),
  address: z.string().nullable(),
  action: AuditAction,
  target: z.object({ kind: AuditTargetKind, id: Id }),
  /** The branch the change belongs to (a supervisor sees their branch's entries only). */
  branchId: Id.nullable(),
  /** Record versions before and after (null: did not exist / no longer exists). */
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The fields that changed, as dotted paths ("services.2.dailyCap"). */
  changes: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.object({
  branchId: Id.optional(),
  kind: AuditTargetKind.optional(),
  targetId: Id.optional(),
  /** Entries before this entry id (the `next` of the previous page). */
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

// ---- bulk: export and import of a branch's configuration
/** The content type of a branch's workbook (export, and the import body). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** One problem of an import, where the office can find it: the sheet, its row (1-based, as Excel shows it) and column. */
export const ImportProblem = z.object({
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;
/** An import is applied whole or not at all: `applied` false lists every problem found. */
export const ImportResult = z.object({
  applied: z.boolean(),
  problems: z.array(ImportProblem),
  envelope: ConfigEnvelope.nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;
