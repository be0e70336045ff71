// Checks of the deployment files (deploy/), for machines without a container engine (and for units,
// always): each returns the problems it found, so a test can feed it a broken file and see it fail.
//   Dockerfiles: dockerfile-utils' validator (rcjsuen, the VS Code Docker extension's), plus the
//     hadolint-style rules it lacks: the final stage runs as a non-root USER and has a HEALTHCHECK; every
//     base image names a tag other than `latest` (or a digest); `npm ci` sees every workspace's manifest.
//   Compose: the Compose Specification JSON schema (as shipped in dclint) with ajv, then dclint's rules.
//   systemd units: `systemd-analyze verify` (syntax, unknown keys, the ExecStart binary) and
//     `systemd-analyze security --offline` (the exposure score of the hardening).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { DCLinter } from 'dclint';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { parseDocument } from 'yaml';

const require = createRequire(import.meta.url);

/** The problems of a Dockerfile; `workspaces` are the root package.json's (each manifest must be copied). */
export function lintDockerfile(text: string, workspaces: string[]): string[] {
  const problems = validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  const file = DockerfileParser.parse(text);
  const froms = file.getFROMs();
  if (froms.length === 0) return [...problems, 'no FROM'];
  const stages = new Set(froms.map((f) => f.getBuildStage()?.toLowerCase()).filter(Boolean));
  for (const from of froms) {
    const image = from.getImageName() ?? '';
    if (stages.has(image.toLowerCase())) continue; // an earlier stage
    const tag = from.getImageTag();
    if (!from.getImageDigest() && (!tag || tag === 'latest')) {
      problems.push(
        `line ${from.getRange().start.line + 1}: base image ${image} needs a pinned tag, not ${tag ?? 'none'}`,
      );
    }
  }
  // The final stage: the instructions after the last FROM.
  const lastFrom = froms[froms.length - 1]?.getRange().start.line ?? 0;
  const final = file.getInstructions().filter((i) => i.getRange().start.line > lastFrom);
  const users = final.filter((i) => i.getKeyword() === 'USER');
  const user = users[users.length - 1]?.getArgumentsContent()?.split(':')[0]?.trim();
  if (!user) problems.push('the final stage has no USER: it would run as root');
  else if (user === 'root' || user === '0') problems.push(`the final stage runs as ${user}`);
  const health = final.filter((i) => i.getKeyword() === 'HEALTHCHECK');
  if (health.length === 0) problems.push('the final stage has no HEALTHCHECK');
  else if (/^NONE\b/i.test(health[health.length - 1]?.getArgumentsContent() ?? '')) {
    problems.push('the HEALTHCHECK is NONE');
  }
  const copied = file
    .getInstructions()
    .filter((i) => i.getKeyword() === 'COPY')
    .map((i) => i.getArgumentsContent() ?? '');
  for (const w of workspaces) {
    if (!copied.some((c) => c.split(/\s+/).includes(`${w}/package.json`))) {
      problems.push(`${w}/package.json is not copied before npm ci (npm ci needs every workspace's manifest)`);
    }
  }
  return problems;
}

let composeSchema: ReturnType<Ajv['compile']> | undefined;

/** The problems of a compose file: YAML, the Compose Specification schema, then dclint's rules. */
export function lintCompose(path: string): string[] {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) return doc.errors.map((e) => `YAML: ${e.message}`);
  if (!composeSchema) {
    const dir = dirname(require.resolve('dclint/package.json'));
    // The schema names draft-07 by an address ajv does not know as its own: draft-07 is ajv's default.
    const { $schema: _draft, ...schema } = JSON.parse(
      readFileSync(join(dir, 'schemas', 'compose.schema.json'), 'utf8'),
    );
    composeSchema = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  const validateCompose = composeSchema;
  if (!validateCompose(doc.toJS())) {
    return (validateCompose.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}`);
  }
  const linter = new DCLinter({ rules: {}, quiet: false, debug: false, exclude: [] });
  return linter
    .lintFiles([path], false)
    .flatMap((r) => r.messages.map((m) => `line ${m.line}: ${m.message} (${m.rule}, ${m.type})`));
}

const run = (command: string, args: string[]) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });

/** `systemd-analyze` is on this machine. */
export async function systemdAnalyzeAvailable(): Promise<boolean> {
  return (await run('systemd-analyze', ['--version'])).code === 0;
}

/**
 * The problems of a unit file. Its copy is checked, with /usr/bin/node replaced by this machine's node
 * (verify checks that the ExecStart binary exists). `maxExposure` is systemd's score (0–10, lower is
 * safer) the unit's hardening must not exceed.
 */
export async function verifyUnit(path: string, maxExposure = 4): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-unit-'));
  try {
    const copy = join(dir, basename(path));
    writeFileSync(copy, readFileSync(path, 'utf8').replaceAll('/usr/bin/node', process.execPath));
    const problems: string[] = [];
    // verify exits 0 on an unknown key or a bad value (it ignores them), but prints them: any output is a problem.
    const verify = await run('systemd-analyze', ['verify', '--man=no', copy]);
    if (verify.code !== 0 || verify.output !== '') problems.push(`verify: ${verify.output || `exit ${verify.code}`}`);
    const security = await run('systemd-analyze', [
      'security',
      '--offline=true',
      '--no-pager',
      `--threshold=${Math.round(maxExposure * 10)}`,
      copy,
    ]);
    if (security.code !== 0) {
      const level = /Overall exposure level[^\n]*/.exec(security.output)?.[0] ?? security.output;
      problems.push(`security: above ${maxExposure}: ${level}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** KEY=value lines of an env file (as `docker compose --env-file` reads them; comments and blanks skipped). */
export function readEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined) vars[m[1]] = m[2] ?? '';
  }
  return vars;
}

/**
 * Compose's interpolation of one value: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `$$`. A required variable that is missing throws, as compose refuses to start.
 */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (whole, name, colon, op, arg) => {
    if (whole === '$$') return '$';
    const v = vars[name as string];
    const unset = v === undefined || (colon === ':' && v === '');
    if (op === '-') return unset ? (arg as string) : (v as string);
    if (op === '?' && unset) throw new Error(`${name}: ${arg}`);
    return v ?? '';
  });
}
