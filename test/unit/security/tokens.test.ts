import { constantTimeEqual, generateToken, hashToken, verifyToken } from '../../../src/security/tokens';

describe('tokens', () => {
  it('generates 64 hex characters, different every time', () => {
    const token = generateToken();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(generateToken()).not.toBe(token);
  });

  it('hashes with a versioned prefix and never contains the token', () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^sha256v1:[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
  });

  it('verifies the right token and rejects others, including one of another length', () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(verifyToken(token, hash)).toBe(true);
    expect(verifyToken(generateToken(), hash)).toBe(false);
    expect(verifyToken('', hash)).toBe(false);
    expect(verifyToken(token, hash.replace('sha256v1:', 'md5:'))).toBe(false);
    expect(verifyToken(token, token)).toBe(false);
  });

  it('compares strings of equal and different lengths without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
