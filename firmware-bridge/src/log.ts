// Plain, short log lines on stdout (errors on stderr): "2026-01-05T08:00:00.000Z warn  bus-1: led-counter-4 offline".
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function createLogger(level: LogLevel = 'info'): Logger {
  const min = ORDER.indexOf(level);
  const at = (l: Exclude<LogLevel, 'silent'>) => (msg: string) => {
    if (ORDER.indexOf(l) < min) return;
    const line = `${new Date().toISOString()} ${l.padEnd(5)} ${msg}\n`;
    // One ordered log on stdout; only errors (the bridge cannot start or go on) also on stderr.
    (l === 'error' ? process.stderr : process.stdout).write(line);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function isLogLevel(s: string | undefined): s is LogLevel {
  return s !== undefined && (ORDER as string[]).includes(s);
}

/** Collects log lines in memory (for tests). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (l: string) => (msg: string) => {
    lines.push(`${l} ${msg}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
