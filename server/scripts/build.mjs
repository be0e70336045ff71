// `npm run build -w server`: the server as JavaScript, for `npm start` and the bench (no tsx at run time).
// esbuild bundles the server's own code and the workspace packages it imports (@nobat/*, whose
// package exports point at TypeScript source) into dist/main.js; every other package stays an
// import of node_modules, read at run time as it is (native modules such as better-sqlite3, argon2
// and @napi-rs/canvas; packages whose files are found by require.resolve, e.g. vazirmatn's fonts).
// dist/ sits at the same depth as src/, so paths the server finds relative to import.meta.url
// (the repository root, the browser apps' dist folders) are the same from either.
//
// Worker threads are files of their own, found next to the bundle (new URL('./x', import.meta.url)):
// src/store/sqlite/sqlite-writer.mjs is plain JavaScript, copied as it is to dist/.
//
// `--if-stale`: build only when dist/main.js is missing or older than a source it is built from.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNode, stale } from '../../scripts/bundle.mjs';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(serverDir, '..');
const outfile = join(serverDir, 'dist', 'main.js');
/** [OP6] The `nobat` command (backup, verify, restore), built beside the server: dist/cli.js. */
const cliOutfile = join(serverDir, 'dist', 'cli.js');
/** What the bundle is built from: a change to any of them makes it stale. */
const sources = [
  join(serverDir, 'src'),
  join(repoRoot, 'protocol', 'src'),
  join(serverDir, 'package.json'),
  join(repoRoot, 'protocol', 'package.json'),
  fileURLToPath(import.meta.url),
  join(repoRoot, 'scripts', 'bundle.mjs'),
];

if (process.argv.includes('--if-stale') && !stale([outfile, cliOutfile], sources)) process.exit(0);

await bundleNode({
  entryPoints: [
    { in: join(serverDir, 'src', 'main.ts'), out: 'main' },
    { in: join(serverDir, 'src', 'cli.ts'), out: 'cli' },
  ],
  outdir: dirname(outfile),
});
copyFileSync(
  join(serverDir, 'src', 'store', 'sqlite', 'sqlite-writer.mjs'),
  join(serverDir, 'dist', 'sqlite-writer.mjs'),
);
