import { randomBytes } from 'node:crypto';
import {
  EncryptionKeyringSchema,
  createEncryptionKey,
  findKey,
  generateEncryptionKey,
  keyIdFor,
  parseKeyring,
} from '../../../src/security/keyring';

describe('the encryption keyring', () => {
  it('derives a stable 8-hex-digit id from the key', () => {
    const key = randomBytes(32);
    expect(keyIdFor(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdFor(Buffer.from(key))).toBe(keyIdFor(key));
    expect(keyIdFor(randomBytes(32))).not.toBe(keyIdFor(key));
  });

  it('parses one base64 key as the current key with no previous keys', () => {
    const value = generateEncryptionKey();
    const keyring = parseKeyring(value);
    expect(keyring.current.key.toString('base64')).toBe(value);
    expect(keyring.current.id).toBe(keyIdFor(Buffer.from(value, 'base64')));
    expect(keyring.previous).toEqual([]);
  });

  it('parses "current,old1,old2" for rotation and finds every key by id', () => {
    const [current, old1, old2] = [generateEncryptionKey(), generateEncryptionKey(), generateEncryptionKey()];
    const keyring = parseKeyring(`${current}, ${old1},${old2}`);
    expect(keyring.current.key.toString('base64')).toBe(current);
    expect(keyring.previous?.map((key) => key.key.toString('base64'))).toEqual([old1, old2]);
    const oldId = keyIdFor(Buffer.from(old2, 'base64'));
    expect(findKey(keyring, oldId)?.key.toString('base64')).toBe(old2);
    expect(findKey(keyring, 'deadbeef')).toBeUndefined();
  });

  it('reports every bad entry by position without echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    const result = EncryptionKeyringSchema.safeParse(`${generateEncryptionKey()},${short},not base64!`);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => issue.message);
    expect(messages).toEqual(['key 2 decodes to 16 bytes, not 32', 'key 3 is not base64']);
    expect(messages.join(' ')).not.toContain(short);
  });

  it('rejects an empty value and a key of the wrong length', () => {
    expect(() => parseKeyring('')).toThrow('invalid encryption key');
    expect(() => createEncryptionKey(randomBytes(31))).toThrow('32 bytes');
  });

  it('keeps an explicitly given key id', () => {
    expect(createEncryptionKey(randomBytes(32), 'k1').id).toBe('k1');
  });
});
