import { AppConfig, DomainError } from '@twofold/api/core';
import { PasswordHasher, User, UsersService } from '@twofold/api/users';
import { ApiErrorCode, Role } from '@twofold/shared/contracts';
import { AuthFailuresService } from './auth-failures.service';
import { PasswordSignInService } from './password-sign-in.service';

const aUser = (overrides: Partial<User> = {}): User =>
  ({
    id: 'user-1',
    username: 'alice',
    email: 'alice@example.com',
    role: Role.User,
    passwordHash: '$argon2id$stored',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  }) as User;

const makeSut = (user: User | null, passwordMatches: boolean) => {
  const hasher = {
    verify: jest.fn().mockResolvedValue(passwordMatches),
    verifyAgainstDummy: jest.fn().mockResolvedValue(false),
  };
  const users = { findByUsernameWithHash: jest.fn().mockResolvedValue(user) };
  const failures = {
    claimAttempt: jest.fn().mockResolvedValue({ id: 'claim-1' }),
    release: jest.fn().mockResolvedValue(undefined),
  };
  const config = { sessionSecret: 'a test secret that is long enough to be used' };
  const sut = new PasswordSignInService(
    users as unknown as UsersService,
    hasher as unknown as PasswordHasher,
    failures as unknown as AuthFailuresService,
    config as AppConfig,
  );

  return { sut, hasher, failures };
};

const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
  const error: unknown = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);

  return error as DomainError;
};

describe(PasswordSignInService.name, () => {
  it('returns the user without the hash when the password is right, and counts no failure', async () => {
    const { sut, failures } = makeSut(aUser(), true);

    const user = await sut.verify('alice', 'right password', '203.0.113.9');

    expect(user.id).toBe('user-1');
    expect(user.passwordHash).toBeUndefined();
    expect(failures.release).toHaveBeenCalledWith({ id: 'claim-1' });
  });

  it('still runs a full hash for an unknown user, so timing does not reveal which names exist', async () => {
    const { sut, hasher } = makeSut(null, false);

    const error = await refusal(sut.verify('nobody', 'some password', '203.0.113.9'));

    expect(error.code).toBe(ApiErrorCode.InvalidCredentials);
    expect(hasher.verifyAgainstDummy).toHaveBeenCalledWith('some password');
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const unknown = await refusal(makeSut(null, false).sut.verify('nobody', 'pw', '203.0.113.9'));
    const wrong = await refusal(makeSut(aUser(), false).sut.verify('alice', 'pw', '203.0.113.9'));

    expect([unknown.status, unknown.code, unknown.message]).toEqual([
      wrong.status,
      wrong.code,
      wrong.message,
    ]);
  });

  it('takes an attempt from the account before checking, and keeps it when the password is wrong', async () => {
    const { sut, failures } = makeSut(aUser(), false);

    await refusal(sut.verify('alice', 'wrong', '203.0.113.9'));

    expect(failures.claimAttempt).toHaveBeenCalledWith('user-1', 'password', '203.0.113.9');
    expect(failures.release).not.toHaveBeenCalled();
  });

  it.each(['Nobody', ' nobody', 'NOBODY\t'])(
    'counts the unknown username %j under the pseudo id of "nobody", as the lookup would',
    async (spelling) => {
      const first = makeSut(null, false);
      const second = makeSut(null, false);

      await refusal(first.sut.verify(spelling, 'pw', '203.0.113.9'));
      await refusal(second.sut.verify('nobody', 'pw', '203.0.113.9'));

      const [subject] = first.failures.claimAttempt.mock.calls[0] as [string];
      expect(subject).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(second.failures.claimAttempt.mock.calls[0]?.[0]).toBe(subject);
    },
  );
});
