/** A tiny levelled logger writing one line per message to stderr (stdout stays for command output). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function createLogger(level: LogLevel, scope = 'gridhub'): Logger {
  const min = RANK[level];
  const write = (l: LogLevel, msg: string) => {
    if (RANK[l] >= min) process.stderr.write(`${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} [${scope}] ${msg}\n`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}
