// Structured logs. Personal data (mobile, national ID, passwords, tokens) is masked wherever it sits.
import pino, { type Logger } from 'pino';

const SECRET_KEYS = ['mobile', 'nationalId', 'password', 'token', 'authorization', 'cookie'];

/** Each secret key at the top level and up to three levels down (pino's paths match one level a star). */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '***' } }, destination);
}
export type { Logger };
