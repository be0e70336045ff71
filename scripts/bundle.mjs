// What the build scripts share (scripts/build.mjs, server/scripts/build.mjs,
// firmware-bridge/scripts/build.mjs): whether outputs are stale, and one way to bundle a Node program.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The newest modification time (ms) of a file or of the files under a folder; 0 when it is absent. */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when an output is missing or older than a source it is built from. */
export function stale(outputs, sources) {
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return sources.some((s) => newest(s) > built);
}

/**
 * esbuild for Node 20, ESM with a linked source map: the program's own code and the workspace
 * packages it imports (@nobat/…, whose package exports point at TypeScript source) are bundled; every
 * other package stays an import of node_modules, read at run time as it is (native modules, packages
 * whose files are found by require.resolve).
 */
export function bundleNode(options) {
  return build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'node-modules-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@nobat/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    ...options,
  });
}
