// The deployment files (issue 18 point 1). With a container engine (`docker info` answers), each image
// is built and run and its HEALTHCHECK must report healthy. Everywhere (and alone on this project's
// machines and CI, which have no engine), the Dockerfiles are linted and the compose file checked against the Compose Specification schema
// (tests/support/deploy-lint.ts). The systemd units are checked with systemd-analyze. Each check is also
// fed a broken file, which it must refuse.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../server/src/config.ts';
import {
  interpolate,
  lintCompose,
  lintDockerfile,
  readEnvFile,
  systemdAnalyzeAvailable,
  verifyUnit,
} from '../support/deploy-lint.ts';
import { repoRoot } from '../support/paths.ts';
import { requireOrSkip } from '../support/require.ts';

const exec = promisify(execFile);
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const workspaces: string[] = JSON.parse(read('package.json')).workspaces;
const DOCKERFILES = ['deploy/docker/server.Dockerfile', 'deploy/docker/bridge.Dockerfile'];
const UNITS = ['deploy/systemd/nobat-server.service', 'deploy/systemd/nobat-bridge.service'];

async function dockerEngine(): Promise<boolean> {
  try {
    await exec('docker', ['info'], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
const engine = await dockerEngine();

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'nobat-deploy-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Registered only where an engine answers (the either/or): elsewhere these are not tests that
// were skipped, and the linting below stands in for them. The linting runs everywhere.
(engine ? describe : () => undefined)('the images, built and run (a container engine is present)', () => {
  const containers: string[] = [];
  afterAll(async () => {
    for (const c of containers) await exec('docker', ['rm', '-f', c]).catch(() => undefined);
  });

  it('the server image builds, starts with the demo office and reports healthy', { timeout: 1_200_000 }, async () => {
    await exec('docker', ['build', '-f', DOCKERFILES[0] ?? '', '-t', 'nobat-server:test', '.'], {
      cwd: repoRoot,
      timeout: 1_200_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const { stdout } = await exec('docker', [
      'run',
      '-d',
      '-e',
      'NOBAT_DEMO_PASSWORD=deploy-test-password',
      'nobat-server:test',
    ]);
    const id = stdout.trim();
    containers.push(id);
    const { stdout: user } = await exec('docker', ['exec', id, 'id', '-u']);
    expect(user.trim()).not.toBe('0');
    await vi.waitFor(
      async () => {
        const { stdout: health } = await exec('docker', ['inspect', '--format', '{{.State.Health.Status}}', id]);
        expect(health.trim()).toBe('healthy');
      },
      { timeout: 120_000, interval: 1_000 },
    );
  });

  it('the bridge image builds and runs as a member of dialout and lp', { timeout: 1_200_000 }, async () => {
    await exec('docker', ['build', '-f', DOCKERFILES[1] ?? '', '-t', 'nobat-bridge:test', '.'], {
      cwd: repoRoot,
      timeout: 1_200_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const { stdout } = await exec('docker', ['run', '--rm', 'nobat-bridge:test', 'id', '-nG']);
    expect(stdout.split(/\s+/)).toEqual(expect.arrayContaining(['nobat', 'dialout', 'lp']));
  });
});

describe('the Dockerfiles, linted', () => {
  it.each(DOCKERFILES)('%s passes the linter and the image rules', (file) => {
    expect(lintDockerfile(read(file), workspaces)).toEqual([]);
  });

  it('a broken Dockerfile is refused: root, no health check, latest, a bad instruction, a manifest missing', () => {
    const good = read(DOCKERFILES[0] ?? '');
    const broken = good
      .replace(/^USER nobat$/m, 'USER root')
      .replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, '')
      .replace(/^FROM node:20-bookworm-slim$/m, 'FROM node:latest')
      .replace(/^COPY tests\/package.json tests\/\n/m, '')
      .replace(/^EXPOSE 8080$/m, 'EXPOSE 8080\nFROBNICATE now');
    expect(broken).not.toBe(good);
    const problems = lintDockerfile(broken, workspaces).join('\n');
    expect(problems).toMatch(/runs as root/);
    expect(problems).toMatch(/no HEALTHCHECK/);
    expect(problems).toMatch(/node needs a pinned tag, not latest/);
    expect(problems).toMatch(/tests\/package.json is not copied/);
    expect(problems).toMatch(/FROBNICATE/i);
    expect(lintDockerfile('FROM debian\nRUN true\n', [])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/debian needs a pinned tag/),
        expect.stringMatching(/no USER/),
        expect.stringMatching(/no HEALTHCHECK/),
      ]),
    );
  });
});

describe('the compose file', () => {
  it('deploy/compose.yaml follows the Compose Specification and dclint has nothing to say', () => {
    expect(lintCompose(join(repoRoot, 'deploy/compose.yaml'))).toEqual([]);
  });

  it('runs server, Redis (append-only), PostgreSQL and the bridge, each waiting for what it needs', () => {
    const compose = read('deploy/compose.yaml');
    expect(compose).toMatch(/--appendonly", "yes"/);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/nobat:/);
    expect(compose).toMatch(/dockerfile: deploy\/docker\/server.Dockerfile/);
    expect(compose).toMatch(/dockerfile: deploy\/docker\/bridge.Dockerfile/);
    expect(compose.match(/condition: service_healthy/g)).toHaveLength(3);
  });

  it("the server's environment, filled from deploy/env.example, is a configuration the server accepts", () => {
    const vars = readEnvFile(read('deploy/env.example'));
    const compose = parse(read('deploy/compose.yaml')) as {
      services: Record<string, { environment?: Record<string, string | number> }>;
    };
    const env = Object.fromEntries(
      Object.entries(compose.services.server?.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]),
    );
    const config = readConfig(env) as Record<string, unknown>;
    // Every variable given is one the server reads (a misspelt one would be dropped without a word).
    for (const [k, v] of Object.entries(env)) if (v !== '') expect(Object.keys(config), k).toContain(k);
    expect(config).toMatchObject({ REDIS_URL: 'redis://redis:6379', NOBAT_DEMO: 'on', PORT: 8080 });
    expect(String(config.DATABASE_URL)).toMatch(/^postgres:\/\/nobat:[^@]+@postgres:5432\/nobat$/);
    // Without the required secrets compose refuses to start, naming them.
    expect(() => interpolate(String(compose.services.server?.environment?.NOBAT_DEMO_PASSWORD), {})).toThrow(
      /NOBAT_DEMO_PASSWORD: set NOBAT_DEMO_PASSWORD/,
    );
  });

  it('the images and units run the build outputs', () => {
    expect(read(DOCKERFILES[0] ?? '')).toMatch(/^CMD \["node", "server\/dist\/main.js"\]$/m);
    expect(read(DOCKERFILES[1] ?? '')).toMatch(/^CMD \["node", "firmware-bridge\/dist\/main.js"\]$/m);
    expect(read(UNITS[0] ?? '')).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/nobat\/server\/dist\/main.js$/m);
    expect(read(UNITS[1] ?? '')).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/nobat\/firmware-bridge\/dist\/main.js$/m);
  });

  it('a broken compose file is refused by the schema and by the linter', () => {
    const good = read('deploy/compose.yaml');
    const badSchema = join(scratch, 'schema.compose.yaml');
    writeFileSync(badSchema, good.replace('condition: service_healthy', 'condition: service_happy'));
    expect(lintCompose(badSchema).join('\n')).toMatch(/schema: \/services\/\w+\/depends_on/);
    const badYaml = join(scratch, 'yaml.compose.yaml');
    writeFileSync(badYaml, 'services:\n  server:\n    image: [unclosed\n');
    expect(lintCompose(badYaml).join('\n')).toMatch(/^YAML:/);
    const badPractice = join(scratch, 'practice.compose.yaml');
    writeFileSync(
      badPractice,
      good.replace(`'0.0.0.0:8080:8080'`, `'8080:8080'`).replace('postgres:16-bookworm', 'postgres'),
    );
    const practice = lintCompose(badPractice).join('\n');
    expect(practice).toMatch(/no-unbound-port-interfaces/);
    expect(practice).toMatch(/service-image-require-explicit-tag/);
  });
});

const analyze = await systemdAnalyzeAvailable();

describe.skipIf(!requireOrSkip('systemd-analyze (to verify the systemd units)', analyze))('the systemd units', () => {
  it.each(UNITS)('%s verifies and is hardened (exposure at most 4 of 10)', async (unit) => {
    expect(await verifyUnit(join(repoRoot, unit))).toEqual([]);
  });

  it('a broken unit is refused: an unknown key, a missing binary, no hardening', async () => {
    const good = read(UNITS[0] ?? '');
    const unknownKey = join(scratch, 'unknown-key.service');
    writeFileSync(unknownKey, good.replace('NoNewPrivileges=yes', 'NoNewPrivileges=yes\nProtectEverything=yes'));
    expect((await verifyUnit(unknownKey)).join('\n')).toMatch(/Unknown key 'ProtectEverything'/);
    const missing = join(scratch, 'missing.service');
    writeFileSync(missing, good.replace('/usr/bin/node', '/nonexistent/node'));
    expect((await verifyUnit(missing)).join('\n')).toMatch(/nonexistent\/node is not executable/);
    const plain = join(scratch, 'plain.service');
    writeFileSync(plain, '[Service]\nExecStart=/usr/bin/node /opt/nobat/server/dist/main.js\n');
    expect((await verifyUnit(plain)).join('\n')).toMatch(/security: above 4/);
  });

  it('the bridge may reach its serial ports and printers, and nothing else of /dev', () => {
    const bridge = read(UNITS[1] ?? '');
    expect(bridge).toMatch(/^SupplementaryGroups=dialout lp$/m);
    expect(bridge).toMatch(/^DevicePolicy=closed$/m);
    expect(bridge).toMatch(/^DeviceAllow=char-ttyUSB rw$/m);
    const server = read(UNITS[0] ?? '');
    expect(server).toMatch(/^ReadWritePaths=\/var\/lib\/nobat$/m);
    for (const u of [server, bridge]) {
      expect(u).toMatch(/^User=nobat$/m);
      expect(u).toMatch(/^NoNewPrivileges=yes$/m);
      expect(u).toMatch(/^ProtectSystem=strict$/m);
      expect(u).toMatch(/^Restart=/m);
      expect(u).toMatch(/^EnvironmentFile=/m);
    }
  });
});
