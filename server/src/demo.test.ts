// The demo office's seed: its device tokens tell nothing about any password.
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { afterEach, describe, expect, it } from 'vitest';
import { Auth } from './auth/auth.ts';
import { type DemoSeed, seedDemo } from './demo.ts';
import type { Store } from './store/port.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function seed(secrets: { password?: string; deviceKey?: string }): Promise<{ seed: DemoSeed; store: Store }> {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const seeded = await seedDemo(store, secrets);
  if (!seeded) throw new Error('nothing seeded');
  return { seed: seeded, store };
}

const tokens = (s: DemoSeed) => Object.fromEntries(s.devices.map((d) => [d.id, d.token]));

describe('demo device tokens', () => {
  it('derive from the device key alone: another password gives the same tokens, another key others', async () => {
    const key = 'a-device-key-of-16+';
    const a = await seed({ password: 'password-number-1', deviceKey: key });
    const b = await seed({ password: 'password-number-2', deviceKey: key });
    const c = await seed({ password: 'password-number-1', deviceKey: 'another-device-key' });
    expect(tokens(a.seed)).toEqual(tokens(b.seed));
    expect(tokens(a.seed)['kiosk-1']).toBe(demoDeviceToken(key, 'kiosk-1'));
    for (const id of ['kiosk-1', 'display-1', 'bridge-1']) expect(tokens(c.seed)[id]).not.toBe(tokens(a.seed)[id]);
    // Nor is the formula of old (an HMAC keyed by the password) what a kiosk now carries.
    expect(tokens(a.seed)['kiosk-1']).not.toBe(demoDeviceToken('password-number-1', 'kiosk-1'));
    // And the tokens work.
    const who = await new Auth(a.store).resolve(tokens(a.seed)['kiosk-1']);
    expect(who).toMatchObject({ kind: 'device', device: { id: 'kiosk-1', kind: 'kiosk' } });
  });

  it('without a device key are random, even with a fixed password', async () => {
    const a = await seed({ password: 'password-number-1' });
    const b = await seed({ password: 'password-number-1' });
    for (const id of ['kiosk-1', 'display-1', 'bridge-1']) {
      expect(tokens(a.seed)[id]).toMatch(new RegExp(`^${id}\\.`));
      expect(tokens(a.seed)[id]).not.toBe(tokens(b.seed)[id]);
      expect(tokens(a.seed)[id]).not.toBe(demoDeviceToken('password-number-1', id));
    }
  });
});
