/**
 * The Node side's logger: pino, one JSON line per entry (or pino-pretty's lines for people with
 * `BRIDGE_LOG_FORMAT=pretty`). Known secrets are masked in every line as a last line of defence, and the
 * credential headers are censored by path; code should not log them in the first place.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { redactor } from './security/redaction';

export type { Logger } from 'pino';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: LogLevel;
  /** @default json */
  format?: LogFormat;
  /** Values masked wherever they appear in a line (the admin token, the codec keys). */
  secrets?: readonly string[];
  /** Where lines go; tests pass a collector. @default stdout */
  destination?: DestinationStream;
}

/** Header names that carry credentials, censored wherever a line holds a `headers` object. */
const CREDENTIAL_PATHS = ['authorization', 'cookie', 'set-cookie', 'x-api-key'].flatMap((name) => [
  `headers["${name}"]`,
  `*.headers["${name}"]`,
]);

export function createLogger({ level, format = 'json', secrets = [], destination }: LoggerOptions): Logger {
  const mask = secrets.length > 0 ? redactor(secrets) : undefined;
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: CREDENTIAL_PATHS, censor: '[redacted]' },
      hooks: mask ? { streamWrite: mask } : {},
    },
    destination ?? (format === 'pretty' ? pretty({ colorize: process.stdout.isTTY, sync: true }) : undefined),
  );
}

/** A short description of an unknown error for a log line: name and message, never a request body. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
