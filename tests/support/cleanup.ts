// Things a test file makes and must undo after all its tests, last made first undone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export interface Cleanups {
  /** Undone after the file's tests, in reverse order. */
  add(undo: () => Promise<unknown> | unknown): void;
  /** A new temporary directory `nobat-<name>-…`, removed after the file's tests. */
  tempDir(name: string): string;
}

/** Call once at a test file's top level: it registers the afterAll that undoes what was added. */
export function cleanupsAfterAll(): Cleanups {
  const undo: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const u of undo.reverse()) await u();
  });
  return {
    add: (u) => void undo.push(u),
    tempDir(name) {
      const d = mkdtempSync(join(tmpdir(), `nobat-${name}-`));
      undo.push(() => rmSync(d, { recursive: true, force: true }));
      return d;
    },
  };
}
