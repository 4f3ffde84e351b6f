/**
 * A small structured logger (one JSON line per entry) for the Node side. Known secrets registered with
 * `addSecret` are masked in every line as a last line of defence; code should not log them in the first place.
 */
import { redact } from './integrations/http';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  addSecret(secret: string): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const secrets: string[] = [];
  const make = (base: LogFields): Logger => {
    const emit = (at: LogLevel, message: string, fields?: LogFields) => {
      if (ORDER[at] < ORDER[level]) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...base, ...fields });
      write(redact(line, secrets));
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
      addSecret: (secret) => void secrets.push(secret),
    };
  };
  return make({});
}

/** A short description of an unknown error for a log line: name and message, never a request body. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
