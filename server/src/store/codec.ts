// What every store adapter checks and writes the same way: versions, and values as JSON.

/** A value as JSON; undefined and functions have no JSON form, and would read back as something else. */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('store: value is not JSON-serialisable');
  return json;
}

export function assertVersion(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

export function assertExpiry(expiresAt: number | undefined): void {
  if (expiresAt !== undefined && !Number.isSafeInteger(expiresAt)) {
    throw new RangeError(`expiresAt must be an integer epoch ms, got ${expiresAt}`);
  }
}

/** [UP9] A record group is an id (letters, digits, "-", "_"; 1–64): safe in a key and in the stored head. */
export function assertGroup(group: string | undefined): void {
  if (group !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(group)) {
    throw new RangeError(`group must be an id (letters, digits, "-", "_"), got ${JSON.stringify(group)}`);
  }
}
