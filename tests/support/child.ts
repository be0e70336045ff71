// What the child processes of the system tests and the bench share: a run limit, so that none outlives
// a parent that died without killing it; the commands the parent writes on stdin; a sleep; and one
// JSON object a line on stdout.
import { createInterface } from 'node:readline';

/** Exits with code 3 after `limitMs`, saying why on stderr. */
export function exitAfter(who: string, limitMs: number): void {
  setTimeout(() => {
    process.stderr.write(`${who}: run limit of ${limitMs} ms reached\n`);
    process.exit(3);
  }, limitMs).unref();
}

/**
 * Calls `onCommand` with the first word of each line the parent writes on stdin (and the second, its
 * argument), and `onClose` once stdin closes.
 */
export function readCommands(onCommand: (word: string, arg: string | undefined) => void, onClose?: () => void): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [word = '', arg] = line.trim().split(/\s+/);
    onCommand(word, arg);
  });
  if (onClose) lines.on('close', onClose);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes one JSON line. On Linux, writes to a pipe are synchronous: once this returns the line is in the pipe. */
export function writeLine(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
