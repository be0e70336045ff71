// `node --import tsx bench/province/main.ts [--hours=2 …]` (from tests/): the province's day alone.
// The same as `npm run bench -w tests -- --only=province …`; options in run-province.ts.
import { runProvince } from './run-province.ts';

const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);
try {
  const r = await runProvince(process.argv.slice(2), log);
  process.exit(r.invariants.ok ? 0 : 1);
} catch (error) {
  console.error(error);
  process.exit(1);
}
