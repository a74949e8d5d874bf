import { Logger } from '@nestjs/common';
import { DomainError } from '@twofold/api/core';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { DataSource } from 'typeorm';
import { AuthFailure, AuthFailureKind } from './auth-failure.entity';
import { AuthFailuresService, MAX_FAILURES_PER_HOUR } from './auth-failures.service';
import { FakeClock, insertUser, testDatabase } from './fakes.test-support';

const MINUTE = 60 * 1000;

describe(AuthFailuresService.name, () => {
  let dataSource: DataSource;
  let clock: FakeClock;
  let sut: AuthFailuresService;
  let userId: string;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    dataSource = await testDatabase();
    clock = new FakeClock();
    sut = new AuthFailuresService(dataSource.getRepository(AuthFailure), clock);
    userId = (await insertUser(dataSource)).id;
  });

  afterEach(() => dataSource.destroy());

  async function fail(times: number, kind = AuthFailureKind.Password): Promise<void> {
    for (let i = 0; i < times; i++) {
      await sut.record(userId, kind, '203.0.113.7');
    }
  }

  async function refusal(): Promise<DomainError> {
    try {
      await sut.assertUnderLimit(userId, '203.0.113.7');
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  }

  it('lets an account with fewer than 100 failures in the hour try again', async () => {
    await fail(MAX_FAILURES_PER_HOUR - 1);

    await expect(sut.assertUnderLimit(userId, null)).resolves.toBeUndefined();
  });

  it('refuses the account after 100 failures of any kind, saying when to retry', async () => {
    await fail(60, AuthFailureKind.Password);
    clock.advance(10 * MINUTE);
    await fail(40, AuthFailureKind.EmailOtp);

    const error = await refusal();

    expect(error.status).toBe(429);
    expect(error.code).toBe(ApiErrorCode.TooManyAttempts);
    expect(error.options.retryAfterSeconds).toBe(50 * 60);
  });

  it('counts only the last hour', async () => {
    await fail(MAX_FAILURES_PER_HOUR);
    clock.advance(60 * MINUTE);

    await expect(sut.countInLastHour(userId)).resolves.toBe(0);
    await expect(sut.assertUnderLimit(userId, null)).resolves.toBeUndefined();
  });

  it('counts each account on its own', async () => {
    await fail(MAX_FAILURES_PER_HOUR);
    const other = await insertUser(dataSource, 'bob');

    await expect(sut.assertUnderLimit(other.id, null)).resolves.toBeUndefined();
  });
});
