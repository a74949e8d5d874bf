import { Logger } from '@nestjs/common';
import { Clock, DomainError } from '@twofold/api/core';
import { ApiErrorCode, MfaMethod, Role } from '@twofold/shared/contracts';
import { DataSource } from 'typeorm';
import { NewUser, UsersService } from './users.service';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { User } from './user.entity';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2026-01-02T03:04:05.678Z');
  }
}

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    username: 'ada',
    email: 'Ada@Example.com',
    password: 'correct horse battery staple',
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe(UsersService.name, () => {
  let dataSource: DataSource;
  let sut: UsersService;

  beforeEach(async () => {
    // The app's schema comes from its migrations; a lib test only needs the entity's table.
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [User],
      synchronize: true,
    }).initialize();
    sut = new UsersService(
      dataSource.getRepository(User),
      new PasswordHasher(),
      new PasswordPolicy(),
      new FixedClock(),
    );
  });

  beforeAll(() => Logger.overrideLogger(false));

  afterEach(() => dataSource.destroy());

  it('creates a user with a lower-cased email and no hash in the answer', async () => {
    const user = await sut.create(newUser());

    expect(user).toMatchObject({
      username: 'ada',
      email: 'ada@example.com',
      role: Role.User,
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.passwordHash).toBeUndefined();
  });

  it('creates admins when asked', async () => {
    await expect(sut.create(newUser({ role: Role.Admin }))).resolves.toMatchObject({
      role: Role.Admin,
    });
  });

  it('never selects the hash unless asked for it by name', async () => {
    const { id } = await sut.create(newUser());

    expect((await sut.findById(id))?.passwordHash).toBeUndefined();
    expect((await sut.findByUsername('ADA'))?.passwordHash).toBeUndefined();
    expect(JSON.stringify(await sut.findById(id))).not.toContain('argon2');
    expect((await sut.findByUsernameWithHash('ada'))?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a taken username', async () => {
    await sut.create(newUser());

    const error = await caught(sut.create(newUser({ email: 'other@example.com' })));

    expect(error.status).toBe(409);
    expect(error.code).toBe(ApiErrorCode.UsernameTaken);
  });

  it('refuses a taken email whatever its case', async () => {
    await sut.create(newUser());

    const error = await caught(sut.create(newUser({ username: 'bob', email: 'ADA@example.COM' })));

    expect(error.code).toBe(ApiErrorCode.EmailTaken);
  });

  it('refuses a common password with a message on the password field', async () => {
    const error = await caught(sut.create(newUser({ password: 'Password123' })));

    expect(error.code).toBe(ApiErrorCode.ValidationFailed);
    expect(error.options.fields?.['password']).toHaveLength(1);
    expect(await sut.findByUsername('ada')).toBeNull();
  });

  it('builds the account view with the 2FA status it is given', async () => {
    const user = await sut.create(newUser());
    const twoFactor = { enabled: true, methods: [MfaMethod.Email], enforcementDate: null };

    expect(sut.toAccountView(user, twoFactor)).toEqual({
      id: user.id,
      username: 'ada',
      email: 'ada@example.com',
      role: Role.User,
      createdAt: '2026-01-02T03:04:05.678Z',
      twoFactor,
    });
  });
});
