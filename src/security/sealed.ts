/**
 * Sealed secrets: passwords and API tokens kept in workflow state as ciphertext, so they stay unreadable
 * in history even when no payload codec is installed (or the codec server is open to the browser).
 */
import { decryptBytes, encryptBytes } from './aes-gcm';
import { findKey, type Keyring } from './keyring';

const VERSION = 'v1';

/** Seals `plain` with the keyring's current key: `v1.<keyId>.<base64 iv|tag|ciphertext>`. */
export function sealSecret(plain: string, keyring: Keyring): string {
  const { id, key } = keyring.current;
  return `${VERSION}.${id}.${encryptBytes(Buffer.from(plain, 'utf8'), key).toString('base64')}`;
}

/** Whether `value` looks like the output of {@link sealSecret} (not whether it opens). */
export function isSealed(value: string): boolean {
  return /^v1\.[^.]+\.[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/**
 * Opens a value made by {@link sealSecret} with whichever keyring key has its id, so secrets sealed
 * before a key rotation still open. Throws on a malformed value, an unknown key id or tampering; the
 * message never contains the value.
 */
export function openSecret(sealed: string, keyring: Keyring): string {
  if (!isSealed(sealed)) throw new Error('not a sealed secret');
  const [, keyId = '', body = ''] = sealed.split('.');
  const key = findKey(keyring, keyId);
  if (!key) throw new Error(`sealed secret uses unknown key ${keyId}`);
  return decryptBytes(Buffer.from(body, 'base64'), key.key).toString('utf8');
}
