// A signed-in user changes their own password: the current one is checked, the new one must differ,
// and every session of the account ends (a new epoch); a one-time password stops being one.
import argon2 from 'argon2';
import type { Store } from '../store/port.ts';
import { hashPassword, newEpoch, type UserRecord } from './auth.ts';

export type PasswordChange =
  | { ok: true; user: UserRecord }
  | { ok: false; code: 'wrong-password' | 'same-password' | 'version-conflict' | 'not-found' };

export async function changePassword(
  store: Store,
  userId: string,
  current: string,
  next: string,
): Promise<PasswordChange> {
  const record = await store.getRecord<UserRecord>('user', userId);
  if (!record?.value.active) return { ok: false, code: 'not-found' };
  if (!(await argon2.verify(record.value.passwordHash, current).catch(() => false))) {
    return { ok: false, code: 'wrong-password' };
  }
  if (next === current) return { ok: false, code: 'same-password' };
  const { mustChangePassword: _, ...rest } = record.value;
  const user: UserRecord = { ...rest, passwordHash: await hashPassword(next), epoch: newEpoch() };
  if (!(await store.putRecord('user', userId, user, record.version)).ok) return { ok: false, code: 'version-conflict' };
  return { ok: true, user };
}
