import { createEncryptionKey, type Keyring } from '../../../src/security/keyring';
import { randomBytes } from 'node:crypto';
import { isSealed, openSecret, sealSecret } from '../../../src/security/sealed';

const newKey = () => createEncryptionKey(randomBytes(32));

describe('sealed secrets', () => {
  const keyring: Keyring = { current: newKey() };

  it('seal then open gives the secret back, in the v1.<keyId>.<base64> format', () => {
    const sealed = sealSecret('s3cr3t pässword', keyring);
    expect(sealed).toMatch(new RegExp(`^v1\\.${keyring.current.id}\\.[A-Za-z0-9+/]+=*$`));
    expect(sealed).not.toContain('s3cr3t');
    expect(isSealed(sealed)).toBe(true);
    expect(openSecret(sealed, keyring)).toBe('s3cr3t pässword');
  });

  it('uses a fresh IV each time, so equal secrets seal differently', () => {
    expect(sealSecret('same', keyring)).not.toBe(sealSecret('same', keyring));
  });

  it('still opens a secret sealed with a key that has since rotated out of current', () => {
    const sealed = sealSecret('old', keyring);
    const rotated: Keyring = { current: newKey(), previous: [keyring.current] };
    expect(openSecret(sealed, rotated)).toBe('old');
    expect(sealSecret('new', rotated).split('.')[1]).toBe(rotated.current.id);
  });

  it('refuses a tampered ciphertext, an unknown key and a plain string', () => {
    const sealed = sealSecret('value', keyring);
    const bytes = Buffer.from(sealed.split('.')[2]!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = `v1.${keyring.current.id}.${bytes.toString('base64')}`;
    expect(() => openSecret(tampered, keyring)).toThrow('failed authentication');
    expect(() => openSecret(sealed, { current: newKey() })).toThrow('unknown key');
    expect(() => openSecret('hunter2', keyring)).toThrow('not a sealed secret');
    expect(isSealed('hunter2')).toBe(false);
  });
});
