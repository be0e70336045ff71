// Types of sqlite-writer.mjs (plain JavaScript, so it runs as a worker from the sources and the build).
import type Database from 'better-sqlite3';

export type WriteOp =
  | {
      op: 'append';
      branchId: string;
      day: string;
      expected: number;
      events: { at: number; type: string; body: string }[];
    }
  | {
      op: 'put';
      kind: string;
      id: string;
      body: string;
      expected: number;
      expiresAt: number | null;
      /** [UP9] The record's group, or null. */
      group: string | null;
      now: number;
    }
  | { op: 'delete'; kind: string; id: string; now: number }
  | { op: 'drop'; branchId: string; day: string; version: number | null }
  | { op: 'audit'; at: string; branchId: string | null; kind: string; target: string; body: string };

export interface WriteError {
  message: string;
  code: string | undefined;
}

export type WriteOutcome = { value: unknown } | { error: WriteError };

/** What the worker answers for one message of operations. */
export type WriterReply = { outcomes: WriteOutcome[] } | { failed: WriteError };

export function openWriterDb(path: string, synchronous: 'full' | 'normal' | undefined): Database.Database;

export function writerOps(db: Database.Database): { run(ops: readonly WriteOp[]): WriteOutcome[] };
