// `nobat`: the operator's commands beside the server (SPEC: Operation, OP6–OP9).
//   nobat backup  [--data-dir DIR] [--into DIR] [--keep N] [--json]   a backup set now, while the server runs
//   nobat verify  <set> [--json]                                      checks a set's files against its manifest
//   nobat restore <set> [--data-dir DIR] [--force] [--json]           puts a set in place (the server stopped)
//   nobat list    [--into DIR]                                        the complete sets, oldest first
// --data-dir defaults to NOBAT_DATA_DIR (else ./data), --into to NOBAT_BACKUP_DIR (else ./backups).
// Exit status: 0 done, 1 failed, 2 bad usage, 3 refused (the data directory is held by a running server),
// 4 the set is not whole (missing file, wrong size or checksum).
import { parseArgs } from 'node:util';
import { BackupError, listBackups, pruneBackups, restoreBackup, takeBackup, verifyBackup } from './backup.ts';

const USAGE = `usage:
  nobat backup  [--data-dir DIR] [--into DIR] [--keep N] [--json]
  nobat verify  <set> [--json]
  nobat restore <set> [--data-dir DIR] [--force] [--json]
  nobat list    [--into DIR]
--data-dir defaults to NOBAT_DATA_DIR (else ./data); --into to NOBAT_BACKUP_DIR (else ./backups).`;

const EXIT = { failed: 1, usage: 2, refused: 3, corrupt: 4 } as const;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parse>;
  const parse = (args: readonly string[]) =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        into: { type: 'string' },
        keep: { type: 'string' },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    parsed = parse(rest);
  } catch (err) {
    console.error(`nobat: ${(err as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const dataDir = values['data-dir'] ?? env.NOBAT_DATA_DIR ?? './data';
  const into = values.into ?? env.NOBAT_BACKUP_DIR ?? './backups';
  const out = (human: string, json: unknown) => console.log(values.json ? JSON.stringify(json) : human);
  try {
    if (!command || command === 'help' || values.help) {
      console.log(USAGE);
      return command && command !== 'help' && !values.help ? EXIT.usage : 0;
    }
    switch (command) {
      case 'backup': {
        if (positionals.length > 0) throw new UsageError('backup takes no set');
        const keep = values.keep === undefined ? undefined : Number(values.keep);
        if (keep !== undefined && (!Number.isInteger(keep) || keep < 1))
          throw new UsageError('--keep: a whole number ≥ 1');
        const set = await takeBackup({ dataDir, into });
        const removed = keep === undefined ? [] : pruneBackups(into, keep);
        out(
          [
            `nobat: backup taken: ${set.dir}`,
            ...set.manifest.files.map(
              (f) => `  ${f.name}  ${f.bytes} bytes  schema ${f.schemaVersion}  sha256 ${f.sha256}`,
            ),
            ...removed.map((r) => `  removed (retention): ${r}`),
          ].join('\n'),
          { set: set.dir, manifest: set.manifest, removed },
        );
        return 0;
      }
      case 'verify': {
        const set = onePositional(positionals, 'verify');
        const { manifest, problems } = verifyBackup(set);
        out(
          problems.length === 0
            ? `nobat: ${set} is whole (${manifest.files.map((f) => f.name).join(', ')}, taken ${manifest.takenAt})`
            : `nobat: ${set} is not whole:\n${problems.map((p) => `  ${p}`).join('\n')}`,
          { set, ok: problems.length === 0, problems, manifest },
        );
        return problems.length === 0 ? 0 : EXIT.corrupt;
      }
      case 'restore': {
        const set = onePositional(positionals, 'restore');
        const r = restoreBackup({ set, dataDir, force: values.force });
        out(
          [
            `nobat: restored ${r.restored.join(', ')} from ${set} (taken ${r.manifest.takenAt}) into ${dataDir}`,
            r.replacedDir ? `  the files it replaced are kept in ${r.replacedDir}` : '  nothing was replaced',
          ].join('\n'),
          { set, dataDir, restored: r.restored, replacedDir: r.replacedDir ?? null, takenAt: r.manifest.takenAt },
        );
        return 0;
      }
      case 'list': {
        const sets = listBackups(into);
        out(sets.join('\n') || `nobat: no backup set in ${into}`, { sets });
        return 0;
      }
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`nobat: ${err.message}\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof BackupError) {
      console.error(`nobat: ${err.message}`);
      if (err.code === 'in-use') return EXIT.refused;
      if (err.code === 'corrupt') return EXIT.corrupt;
      return EXIT.failed;
    }
    console.error('nobat: failed', err);
    return EXIT.failed;
  }
}

function onePositional(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes one set (a backup folder)`);
  return positionals[0] as string;
}
