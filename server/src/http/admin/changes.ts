// What an admin change changed, as dotted paths ("services.2.dailyCap"), and the record as the audit
// log may show it: secrets (password and token hashes, session epochs) left out, their change named.
import type { AuditTargetKind } from '@nobat/protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The paths where `after` differs from `before`: leaves, or the first level where one side is missing. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const at = (key: string | number) => (prefix ? `${prefix}.${key}` : String(key));
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length || i >= after.length) out.push(at(i));
      else out.push(...changedPaths(before[i], after[i], at(i)));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => (!(k in before) || !(k in after) ? [at(k)] : changedPaths(before[k], after[k], at(k))));
  }
  return Object.is(before, after) || JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** Fields never shown in the audit log, by kind, and the name under which their change is listed. */
const SECRETS: Partial<Record<AuditTargetKind, Record<string, string | null>>> = {
  user: { passwordHash: 'password', epoch: null },
  device: { secretHash: 'token' },
  'branch-link': { secretHash: 'token' },
};

/** The record without its secrets and without its change stamp (the entry itself says who and when). */
export function redact(kind: AuditTargetKind, value: unknown): unknown {
  if (!isObject(value)) return value ?? null;
  const { changed: _, ...rest } = value;
  for (const field of Object.keys(SECRETS[kind] ?? {})) delete rest[field];
  return rest;
}

/** The changed paths of a record, secrets named but not shown ("password" when its hash changed). */
export function auditChanges(kind: AuditTargetKind, before: unknown, after: unknown): string[] {
  if (!isObject(before) || !isObject(after)) {
    // Created or deleted: the fields it has, or had.
    const whole = redact(kind, isObject(after) ? after : before);
    return isObject(whole) ? Object.keys(whole) : [];
  }
  const paths = changedPaths(redact(kind, before), redact(kind, after));
  for (const [field, shownAs] of Object.entries(SECRETS[kind] ?? {})) {
    if (shownAs && before[field] !== after[field]) paths.push(shownAs);
  }
  return paths;
}
