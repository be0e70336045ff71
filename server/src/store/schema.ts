// [UP1–UP3] What every store's schema versioning shares: the refusal of a store written by a newer
// schema than this code knows. Each adapter keeps its own ordered list of forward migrations
// (SQLite live store, Redis live store, SQLite and PostgreSQL history) and runs it at open.

/** [UP3] A store written by a newer schema than this code knows: refused, nothing touched. */
export class SchemaTooNewError extends Error {
  constructor(
    /** Which store: "sqlite store", "redis store", "sqlite history", "postgres history". */
    readonly store: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${store}: schema version ${found} is newer than this server's ${known}: the data was written by a newer Nobat; run that version (or a newer one), or restore a backup made before the upgrade`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The migrations after `from`, in order; throws SchemaTooNewError when `from` is past the last one. */
export function pending<M extends { version: number }>(store: string, migrations: readonly M[], from: number): M[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new SchemaTooNewError(store, from, latest);
  return migrations.filter((m) => m.version > from);
}
