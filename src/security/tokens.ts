/**
 * Bearer tokens (the Business Rule's token, the admin token): generated at random, stored only as a
 * hash, compared in constant time so response timing does not leak how much of a guess was right.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Versioned so the hash scheme can change later without confusing old and new hashes. */
const HASH_PREFIX = 'sha256v1:';

/** A new token: 32 random bytes as 64 hex characters. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The stored form of a token: `sha256v1:<hex>`. A plain (unsalted) hash is enough because tokens are
 * 256 random bits, not passwords a dictionary could guess.
 */
export function hashToken(token: string): string {
  return HASH_PREFIX + createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two strings in time that depends only on their lengths, never on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual throws on a length mismatch; lengths are not secret (hashes all have one length).
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/** Whether `presented` is the token whose {@link hashToken} is `hash`. */
export function verifyToken(presented: string, hash: string): boolean {
  if (!hash.startsWith(HASH_PREFIX)) return false;
  return constantTimeEqual(hashToken(presented), hash);
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined. The scheme is matched without
 * regard to case (RFC 7235 §2.1), so `bearer` and `BEARER` are the same scheme.
 */
export function bearerToken(header: string | undefined): string | undefined {
  return /^bearer +(\S+) *$/i.exec(header ?? '')?.[1];
}
