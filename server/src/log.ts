// Structured logs. Personal data (mobile, national ID, passwords, tokens) is masked wherever it sits.
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'mobile',
  'nationalId',
  'password',
  'token',
  '*.mobile',
  '*.nationalId',
  '*.password',
  '*.token',
  '*.*.mobile',
  '*.*.nationalId',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '***' } }, destination);
}
export type { Logger };
