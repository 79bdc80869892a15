import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; every request and event handler logs through a child carrying its correlation id. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
