// Where things are: the repository root and the tests directory.
import { fileURLToPath } from 'node:url';

/** The repository root (where `npm start` is run). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The tests directory (the workspace the system-test and bench workers run in). */
export const testsDir = fileURLToPath(new URL('..', import.meta.url));
