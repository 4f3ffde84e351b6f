/**
 * The encryption keyring behind the payload codec and sealed secrets: one current key that encrypts,
 * and older keys that still decrypt, so `BRIDGE_ENCRYPTION_KEY` can rotate without losing history.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** AES-256 needs exactly 32 bytes of key. */
export const KEY_BYTES = 32;

/** One AES-256 key and the id written next to everything it encrypts. */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** `current` encrypts; `current` and every `previous` key decrypt (looked up by id). */
export interface Keyring {
  readonly current: EncryptionKey;
  readonly previous?: readonly EncryptionKey[];
}

/**
 * The id of a key: the first 8 hex digits of its SHA-256. Derived rather than configured so that the
 * same key always gets the same id on every process, and the id reveals nothing usable about the key.
 */
export function keyIdFor(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Wraps raw key bytes, checking the length; `id` defaults to {@link keyIdFor}. */
export function createEncryptionKey(key: Buffer, id?: string): EncryptionKey {
  if (key.length !== KEY_BYTES) throw new Error(`an encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return { id: id ?? keyIdFor(key), key };
}

/** A fresh random key, base64-encoded, in the format `BRIDGE_ENCRYPTION_KEY` takes. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The key with this id, current or previous, or `undefined`. */
export function findKey(keyring: Keyring, id: string): EncryptionKey | undefined {
  if (keyring.current.id === id) return keyring.current;
  return keyring.previous?.find((candidate) => candidate.id === id);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes one base64 key, or returns the reason it is not one (never echoing the value itself). */
function decodeKey(text: string): Buffer | string {
  if (!BASE64.test(text)) return 'is not base64';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_BYTES) return `decodes to ${bytes.length} bytes, not ${KEY_BYTES}`;
  return bytes;
}

/**
 * `BRIDGE_ENCRYPTION_KEY`: one base64 32-byte key, or a comma-separated list `current,old1,old2` while
 * rotating. Parses to a {@link Keyring}; every bad entry is reported by position, never by value.
 */
export const EncryptionKeyringSchema = z.string().transform((value, ctx): Keyring => {
  const parts = value.split(',').map((part) => part.trim());
  const keys: EncryptionKey[] = [];
  parts.forEach((part, index) => {
    const decoded = decodeKey(part);
    if (typeof decoded === 'string') ctx.addIssue({ code: 'custom', message: `key ${index + 1} ${decoded}` });
    else keys.push(createEncryptionKey(decoded));
  });
  const [current, ...previous] = keys;
  if (!current || keys.length !== parts.length) return z.NEVER;
  return { current, previous };
});

/** Parses a `BRIDGE_ENCRYPTION_KEY` value, throwing one message with every problem. */
export function parseKeyring(value: string): Keyring {
  const result = EncryptionKeyringSchema.safeParse(value);
  if (!result.success) {
    throw new Error(`invalid encryption key: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return result.data;
}
