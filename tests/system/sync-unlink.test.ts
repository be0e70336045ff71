// [SY1] Unlinking a branch at the centre cuts its branch server's link at once (the socket let in with the
// revoked token does not go on sending), and the branch server, asking again, is refused and says why in
// one error line; a new link's token is let in. A real centre server (the demo office, port 0) and a real
// BranchSync on a store of its own.
import { join } from 'node:path';
import type { CreatedBranchLink } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { createServer } from '../../server/src/server.ts';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { BranchSync } from '../../server/src/sync/branch.ts';
import { cleanupsAfterAll } from '../support/cleanup.ts';
import { apiOk, login } from '../support/socket.ts';

const PASSWORD = 'sync-unlink-password';
const WAIT = { timeout: 20_000, interval: 50 };

describe('[SY1] a branch unlinked at the centre', () => {
  const cleanups = cleanupsAfterAll();

  it('is cut at once, is refused when it asks again (one error line), and a new link is let in', async () => {
    const centre = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NOBAT_DATA_DIR: cleanups.tempDir('sync-unlink-centre'),
        NOBAT_DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'silent',
      }),
    );
    cleanups.add(() => centre.close());
    const admin = await login(centre.url, 'admin', PASSWORD);
    const link = () =>
      apiOk<CreatedBranchLink>(centre.url, 'POST', '/api/v1/admin/branch-links', {
        token: admin,
        body: { branchId: DEMO_BRANCH },
        status: 201,
      });
    const connected = async () =>
      (
        await apiOk<{ connected: boolean }>(centre.url, 'GET', `/api/v1/sync/links/${DEMO_BRANCH}`, {
          token: admin,
        })
      ).connected;

    const store = openSqliteStore(join(cleanups.tempDir('sync-unlink-branch'), 'nobat.sqlite'));
    cleanups.add(() => store.close());
    const logged: { level: string; msg: string }[] = [];
    const logger = Object.fromEntries(
      (['info', 'warn', 'error', 'debug'] as const).map((level) => [
        level,
        (_obj: unknown, msg?: string) => void logged.push({ level, msg: msg ?? '' }),
      ]),
    ) as unknown as ConstructorParameters<typeof BranchSync>[0]['logger'];
    const branchWith = (token: string) => {
      const sync = new BranchSync({
        store,
        queue: new QueueService({ store }),
        clock: Date.now,
        logger,
        centralUrl: centre.url,
        token,
        retryAfterCutMs: 100,
      });
      cleanups.add(() => sync.stop());
      sync.start();
      return sync;
    };

    const first = await link();
    const branch = branchWith(first.token);
    await expect.poll(() => branch.connected, WAIT).toBe(true);
    await expect.poll(connected, WAIT).toBe(true);

    // Unlinked: the link is cut now, not when the branch server next reconnects.
    await apiOk(centre.url, 'DELETE', `/api/v1/admin/branch-links/${DEMO_BRANCH}`, { token: admin });
    await expect.poll(() => branch.connected, WAIT).toBe(false);
    // It asks again (100 ms here) and is refused: one error line naming the token, however often it asks.
    await expect
      .poll(() => logged.filter((l) => l.level === 'error' && l.msg.includes('NOBAT_CENTRAL_TOKEN')).length, WAIT)
      .toBe(1);
    expect(branch.connected).toBe(false);

    // Linked again: the old token stays refused; the new one is let in.
    const second = await link();
    expect(second.token).not.toBe(first.token);
    const renewed = branchWith(second.token);
    await expect.poll(() => renewed.connected, WAIT).toBe(true);
    expect(branch.connected).toBe(false);
    expect(logged.filter((l) => l.level === 'error').length).toBe(1);
  });
});
