/**
 * AES-256-GCM with the one byte layout shared by the payload codec and sealed secrets:
 * `iv (12 bytes) | auth tag (16 bytes) | ciphertext`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/** Thrown when a ciphertext is too short, was altered, or was made with another key. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

/** Encrypts with a fresh random IV: GCM must never reuse an IV under one key. */
export function encryptBytes(plain: Uint8Array, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts and authenticates; any tampering surfaces as a {@link DecryptionError}. */
export function decryptBytes(sealed: Uint8Array, key: Buffer): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('ciphertext is too short');
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    // node:crypto's own message ("unable to authenticate data") says nothing about which key or value.
    throw new DecryptionError('ciphertext failed authentication');
  }
}
