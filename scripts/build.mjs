// `npm run build` at the repository root: everything that runs in production, built.
//   server/dist/          the server (server/scripts/build.mjs, esbuild)
//   firmware-bridge/dist/ the bridge and its simulator (firmware-bridge/scripts/build.mjs, esbuild)
//   kiosk|display|counter|console/dist/  the browser apps (vite build), served by the server
//
// `--if-stale` (what `npm start` runs first): build only what is missing or older than a source it is
// built from, so a start after an unchanged checkout builds nothing.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stale } from './bundle.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');
const APPS = ['kiosk', 'display', 'counter', 'console'];

/** An app is stale when its dist/index.html is missing or older than its sources or a package it uses. */
function appStale(app) {
  return stale(
    [join(repoRoot, app, 'dist', 'index.html')],
    [
      join(repoRoot, app, 'src'),
      join(repoRoot, app, 'public'),
      join(repoRoot, app, 'index.html'),
      join(repoRoot, app, 'vite.config.ts'),
      join(repoRoot, app, 'package.json'),
      join(repoRoot, 'client', 'src'),
      join(repoRoot, 'protocol', 'src'),
      join(repoRoot, 'package-lock.json'),
      fileURLToPath(import.meta.url),
      join(repoRoot, 'scripts', 'bundle.mjs'),
    ],
  );
}

function run(what, command, args) {
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${what} failed (${r.error?.message ?? `exit code ${r.status ?? r.signal}`})`);
    process.exit(r.status || 1);
  }
}

const flags = ifStale ? ['--if-stale'] : [];
run('server', process.execPath, [join('server', 'scripts', 'build.mjs'), ...flags]);
run('firmware-bridge', process.execPath, [join('firmware-bridge', 'scripts', 'build.mjs'), ...flags]);
for (const app of APPS) {
  if (ifStale && !appStale(app)) continue;
  run(app, 'npm', ['run', 'build', '--workspace', app]);
}
