// Tests that need a component of the machine (redis-server, chromium, socat) skip without it, except on CI.

/** True when the tests needing `component` may run. CI must never skip them silently, so there it throws. */
export function requireOrSkip(component: string, available: boolean): boolean {
  if (available) return true;
  if (process.env.CI) throw new Error(`${component} not found, and CI must not skip the tests that need it`);
  console.warn(`${component} not found: skipping the tests that need it (install it to run these tests)`);
  return false;
}
