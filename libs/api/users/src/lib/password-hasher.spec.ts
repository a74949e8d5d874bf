import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher();

  it('hashes with Argon2id at m=19456, t=2, p=1 and a random salt', async () => {
    const first = await sut.hash('a long passphrase');
    const second = await sut.hash('a long passphrase');

    const [, algorithm, , parameters] = first.split('$');
    expect(algorithm).toBe('argon2id');
    expect(parameters?.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    expect(first).not.toBe(second);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await sut.hash('a long passphrase');

    await expect(sut.verify(hash, 'a long passphrase')).resolves.toBe(true);
    await expect(sut.verify(hash, 'a long passphrasE')).resolves.toBe(false);
  });

  it('refuses rather than throws on a damaged hash', async () => {
    await expect(sut.verify('not-a-hash', 'a long passphrase')).resolves.toBe(false);
  });

  it('spends a real verification on unknown users and always refuses', async () => {
    await sut.verifyAgainstDummy('warm up');

    const started = process.hrtime.bigint();
    await expect(sut.verifyAgainstDummy('a long passphrase')).resolves.toBe(false);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

    const hash = await sut.hash('a long passphrase');
    const realStarted = process.hrtime.bigint();
    await sut.verify(hash, 'wrong');
    const realMs = Number(process.hrtime.bigint() - realStarted) / 1e6;

    expect(elapsedMs).toBeGreaterThan(realMs / 3);
  });
});
