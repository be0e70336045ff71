// `npm run build -w firmware-bridge`: the bridge as JavaScript, for `npm start -w firmware-bridge`, the
// service unit and the container (no tsx at run time). Like the server's build (server/scripts/build.mjs):
// esbuild bundles the bridge's own code and the workspace packages it imports (@nobat/*, whose package
// exports point at TypeScript source); every other package stays an import of node_modules, read at
// run time as it is (serialport's native binding, @napi-rs/canvas, vazirmatn's fonts found by
// require.resolve).
//
//   dist/main.js           the bridge (src/main.ts)
//   dist/simulator.js      the device simulator (src/simulator/main.ts)
//   dist/render-worker.mjs the ticket renderer's worker thread (src/printer/render-worker.ts). The
//                          renderer finds it next to itself (new URL('./render-worker.mjs', import.meta.url)):
//                          in src/ that is the small file that loads tsx first, in dist/ the bundle.
//
// `--if-stale`: build only when an output is missing or older than a source it is built from.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNode, stale } from '../../scripts/bundle.mjs';

const bridgeDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(bridgeDir, '..');
const dist = join(bridgeDir, 'dist');
const outputs = [
  { entry: join(bridgeDir, 'src', 'main.ts'), outfile: join(dist, 'main.js') },
  { entry: join(bridgeDir, 'src', 'simulator', 'main.ts'), outfile: join(dist, 'simulator.js') },
  { entry: join(bridgeDir, 'src', 'printer', 'render-worker.ts'), outfile: join(dist, 'render-worker.mjs') },
];
/** What the bundles are built from: a change to any of them makes them stale. */
const sources = [
  join(bridgeDir, 'src'),
  join(repoRoot, 'protocol', 'src'),
  join(repoRoot, 'client', 'src'),
  join(bridgeDir, 'package.json'),
  join(repoRoot, 'protocol', 'package.json'),
  join(repoRoot, 'client', 'package.json'),
  fileURLToPath(import.meta.url),
  join(repoRoot, 'scripts', 'bundle.mjs'),
];

if (
  process.argv.includes('--if-stale') &&
  !stale(
    outputs.map((o) => o.outfile),
    sources,
  )
)
  process.exit(0);

for (const { entry, outfile } of outputs) {
  await bundleNode({ entryPoints: [entry], outfile });
}
