// A V8 .cpuprofile (from `node --cpu-prof`) summarised: the functions with the most self time, and
// the most inclusive time (time with the function anywhere on the stack).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The main thread's profile in a --cpu-prof-dir (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile). */
export function mainThreadProfile(dir: string): string | undefined {
  const file = readdirSync(dir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return file && join(dir, file);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfPct: number;
  totalPct: number;
}

function frameKey(node: ProfileNode): { key: string; name: string; where: string } {
  const f = node.callFrame;
  const name = f.functionName || '(anonymous)';
  const file = f.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/)/, '$1');
  const short = file.includes('/work/') || file.startsWith('/') ? file.split('/').slice(-3).join('/') : file;
  // tsx hands V8 each TypeScript file as one line, so there only the file says where.
  const where = !f.url ? '' : f.lineNumber > 0 ? `${short}:${f.lineNumber + 1}` : short;
  return { key: `${name}@${where}`, name, where };
}

export interface ProfileSummary {
  /** Sampled seconds, and the share the main thread was idle (waiting in the event loop) or collecting garbage. */
  seconds: number;
  idlePct: number;
  gcPct: number;
  self: FunctionTime[];
  total: FunctionTime[];
}

export function summariseProfile(path: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const info = new Map<string, { name: string; where: string }>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const node = byId.get(id);
    if (!node) return;
    const k = frameKey(node);
    info.set(k.key, k);
    self.set(k.key, (self.get(k.key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id, depth = 0; cur !== undefined && depth < 500; depth++) {
      const n = byId.get(cur);
      if (!n) break;
      const f = frameKey(n);
      if (!seen.has(f.key)) {
        seen.add(f.key);
        info.set(f.key, f);
        total.set(f.key, (total.get(f.key) ?? 0) + dt);
      }
      cur = parent.get(cur);
    }
  });
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .filter(([key]) => !/^\((root|program|idle|garbage collector)\)/.test(key))
      .slice(0, top)
      .map(([key]) => ({
        name: info.get(key)?.name ?? key,
        where: info.get(key)?.where ?? '',
        selfPct: Math.round(((self.get(key) ?? 0) / all) * 1000) / 10,
        totalPct: Math.round(((total.get(key) ?? 0) / all) * 1000) / 10,
      }));
  const pct = (key: string) => Math.round(((self.get(key) ?? 0) / all) * 1000) / 10;
  return {
    seconds: Math.round(all / 1e5) / 10,
    idlePct: pct('(idle)@'),
    gcPct: pct('(garbage collector)@'),
    self: rows(self),
    total: rows(total),
  };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const line = (f: FunctionTime) =>
    `  ${String(f.selfPct).padStart(5)}%  ${String(f.totalPct).padStart(5)}%  ${f.name}  ${f.where}`;
  return [
    `${title}`,
    `  ${s.seconds} s sampled; main thread idle ${s.idlePct}%, garbage collection ${s.gcPct}%`,
    '  self%  total%  function (by self time)',
    ...s.self.map(line),
    '  self%  total%  function (by total time)',
    ...s.total.map(line),
  ].join('\n');
}
