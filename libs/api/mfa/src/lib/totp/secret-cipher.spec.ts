import { randomBytes } from 'node:crypto';

import { SecretCipher } from './secret-cipher';

const makeCipher = (current = 'k1', ids = ['k1']) =>
  new SecretCipher({
    currentKeyId: current,
    keys: new Map(ids.map((id) => [id, randomBytes(32)] as const)),
  });

describe(SecretCipher.name, () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('opens what it sealed, and the sealed form does not show the secret', () => {
    const sut = makeCipher();
    const sealed = sut.seal(secret, 'user-1');

    expect(sealed).not.toContain(secret);
    expect(sealed.startsWith('v1:k1:')).toBe(true);
    expect(sut.open(sealed, 'user-1')).toBe(secret);
  });

  it('seals the same secret differently every time', () => {
    const sut = makeCipher();

    expect(sut.seal(secret, 'user-1')).not.toBe(sut.seal(secret, 'user-1'));
  });

  it('refuses to open a secret moved onto another user', () => {
    const sut = makeCipher();

    expect(() => sut.open(sut.seal(secret, 'user-1'), 'user-2')).toThrow();
  });

  it('refuses a tampered value', () => {
    const sut = makeCipher();
    const parts = sut.seal(secret, 'user-1').split(':');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');

    expect(() => sut.open(parts.join(':'), 'user-1')).toThrow();
  });

  it('still opens secrets sealed with an older key after rotation, and flags them for resealing', () => {
    const keys = new Map([
      ['old', randomBytes(32)],
      ['new', randomBytes(32)],
    ]);
    const before = new SecretCipher({ currentKeyId: 'old', keys });
    const after = new SecretCipher({ currentKeyId: 'new', keys });
    const sealed = before.seal(secret, 'user-1');

    expect(after.open(sealed, 'user-1')).toBe(secret);
    expect(after.needsReseal(sealed)).toBe(true);
    expect(after.needsReseal(after.seal(secret, 'user-1'))).toBe(false);
  });

  it('refuses keys of the wrong size and an unknown current key', () => {
    expect(
      () => new SecretCipher({ currentKeyId: 'k1', keys: new Map([['k1', randomBytes(16)]]) }),
    ).toThrow(/32 bytes/);
    expect(() => makeCipher('k2', ['k1'])).toThrow(/not configured/);
  });
});
