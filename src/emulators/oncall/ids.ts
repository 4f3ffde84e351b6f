import { randomBytes, randomInt } from 'node:crypto';

/** OnCall's public-id alphabet (no `O` and no `0`; oncall.md, public ids). */
const ALPHABET = 'ABCDEFGHIJKLMNPQRSTUVWXYZ123456789';
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A public primary key: prefix (`I`, `A`, `C`, `R`, `U`, `WH`, ...) plus 12 characters. */
export const publicId = (prefix: string): string => prefix + pick(ALPHABET, 12);

/** An OnCall API key: 64 hex characters. */
export const apiKey = (): string => randomBytes(32).toString('hex');

/** A Grafana service-account token (`glsa_...`), which OnCall accepts for reads only. */
export const serviceAccountToken = (): string => `glsa_${pick(TOKEN_ALPHABET, 32)}_${randomBytes(4).toString('hex')}`;

/** An integration URL token: 25 random alphanumeric characters. */
export const integrationToken = (): string => pick(TOKEN_ALPHABET, 25);

/** DRF timestamp: ISO-8601 with microseconds and `Z` (alert_group fields). */
export const drfTime = (date: Date): string => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** Python `isoformat()` of an aware UTC datetime (the payload's `event.time`). */
export const pythonTime = (date: Date): string => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
