// A real office's first start: a store with no user at all gets one administrator, `admin`, whose
// password is one-time (NOBAT_ADMIN_PASSWORD, or made up now and printed once). Until it is changed
// the account can do nothing but change it (the password gate of the HTTP app and the staff sockets).
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/port.ts';
import { hashPassword, newEpoch, type UserRecord } from './auth.ts';

export interface FirstAdmin {
  username: string;
  password: string;
  /** True when the password was made up now (print it once). */
  generated: boolean;
}

/** Creates `admin` with a one-time password when the store has no user; undefined otherwise. */
export async function ensureFirstAdmin(store: Store, given: string | undefined): Promise<FirstAdmin | undefined> {
  if ((await store.listRecords('user')).length > 0) return undefined;
  const password = given ?? randomBytes(12).toString('base64url');
  const record: UserRecord = {
    id: 'admin',
    username: 'admin',
    name: 'مدیر سامانه',
    role: 'admin',
    branchId: null,
    passwordHash: await hashPassword(password),
    active: true,
    epoch: newEpoch(),
    mustChangePassword: true,
  };
  // Several processes starting on one fresh Redis: the first to write the record prints it.
  if (!(await store.putRecord('user', record.id, record, 0)).ok) return undefined;
  return { username: record.username, password, generated: given === undefined };
}
