// [UP5][UP6][UP8] The protocol version on a real server that serves only versions newer than this
// build's: HTTP calls and socket handshakes of an old client are told `protocol-outdated`, calls that
// state no version are served, and a real bridge process says it must be upgraded and stops.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { spawnServer } from '../support/server-process.ts';
import { type HandshakeRefusal, openClient } from '../support/socket.ts';

const NEWER = PROTOCOL_VERSION + 1;

describe('a server that needs a newer protocol than this build speaks', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemo('protocol-newer', 'protocol-newer-password', {
      env: { NOBAT_OLDEST_PROTOCOL: String(NEWER) },
    });
  });
  afterAll(async () => {
    await demo?.close();
  });

  const get = (headers: Record<string, string>) => fetch(`${demo.url}/api/v1/branches`, { headers });

  it('[UP6] answers an old client 426 protocol-outdated, saying what it needs, before any other check', async () => {
    const res = await get({ [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
    expect(res.status).toBe(426);
    expect(await res.json()).toEqual({
      error: {
        code: 'protocol-outdated',
        message: { fa: expect.stringContaining('صفحه'), en: expect.stringContaining('older than the server') },
        protocol: { client: PROTOCOL_VERSION, oldest: NEWER, server: PROTOCOL_VERSION },
      },
    });
    // Even a call that would be refused for who asks (a made-up bearer token) is told this first.
    const post = await fetch(`${demo.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { [PROTOCOL_HEADER]: '1', authorization: 'Bearer made-up' },
    });
    expect(post.status).toBe(426);
  });

  it('[UP5] serves a call that states no version, or a version it serves; refuses one that is no version', async () => {
    expect((await get({})).status).toBe(200);
    expect((await get({ [PROTOCOL_HEADER]: String(NEWER) })).status).toBe(200);
    const bad = await get({ [PROTOCOL_HEADER]: 'v1' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
  });

  it('[UP6] refuses an old socket handshake on every namespace with connect_error protocol-outdated', async () => {
    for (const ns of ['/display', '/kiosk', '/counter', '/supervisor', '/bridge', '/track', '/requests']) {
      const client = openClient(demo.url, ns, { auth: { branchId: DEMO_BRANCH, protocol: PROTOCOL_VERSION } });
      try {
        const refusal = await client.waitFor<HandshakeRefusal>('connect_error');
        expect(refusal, ns).toEqual({ message: 'protocol-outdated', code: 'protocol-outdated' });
        const err = client.received.find((r) => r.event === 'connect_error');
        expect(err).toBeDefined();
      } finally {
        client.close();
      }
    }
    // The refusal carries what the server needs (the bridge says it).
    const raw = openClient(demo.url, '/display', { auth: { branchId: DEMO_BRANCH, protocol: PROTOCOL_VERSION } });
    try {
      const data = await new Promise<unknown>((resolve) =>
        raw.socket.once('connect_error', (e: Error & { data?: unknown }) => resolve(e.data)),
      );
      expect(data).toMatchObject({ code: 'protocol-outdated', client: PROTOCOL_VERSION, oldest: NEWER });
    } finally {
      raw.close();
    }
  });

  it('[UP5] a handshake that states no version, or a newer one, is served', async () => {
    for (const auth of [{ branchId: DEMO_BRANCH }, { branchId: DEMO_BRANCH, protocol: NEWER }]) {
      const client = openClient(demo.url, '/display', { auth });
      try {
        await client.connected();
        await client.waitFor('snapshot');
      } finally {
        client.close();
      }
    }
    const bad = openClient(demo.url, '/display', { auth: { branchId: DEMO_BRANCH, protocol: 'one' } });
    try {
      expect(await bad.waitFor<HandshakeRefusal>('connect_error')).toMatchObject({ code: 'invalid-input' });
    } finally {
      bad.close();
    }
  });

  it('[UP8] a bridge too old for the server says so in one line and exits with status 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nobat-bridge-old-'));
    try {
      const config = join(dir, 'bridge.json');
      writeFileSync(config, JSON.stringify({ server: { url: demo.url, token: demoToken('bridge-1') } }));
      const bridge = spawnServer('bridge', process.execPath, ['--import', 'tsx', 'firmware-bridge/src/main.ts'], {
        NOBAT_BRIDGE_CONFIG: config,
      });
      const exit = await bridge.exited;
      expect(exit).toEqual({ code: 2, signal: null });
      const line = `server: this bridge speaks protocol ${PROTOCOL_VERSION}, the server needs ≥ ${NEWER}: upgrade the bridge`;
      expect(bridge.stderr().split(line).length - 1).toBe(1);
      expect(bridge.stdout()).not.toMatch(/trying again/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
