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

  /** Failed attempts: each claim is kept, as a wrong secret leaves it. */
  async function fail(times: number, kind = AuthFailureKind.Password, id = userId): Promise<void> {
    for (let i = 0; i < times; i++) {
      await sut.claimAttempt(id, kind, '203.0.113.7');
    }
  }

  async function refusal(id = userId): Promise<DomainError> {
    try {
      await sut.claimAttempt(id, AuthFailureKind.Password, '203.0.113.7');
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  }

  it('allows exactly 100 failed attempts in the hour', async () => {
    await fail(MAX_FAILURES_PER_HOUR - 1);

    await expect(sut.claimAttempt(userId, AuthFailureKind.Password, null)).resolves.toBeDefined();
    expect((await refusal()).code).toBe(ApiErrorCode.TooManyAttempts);
    await expect(sut.countInLastHour(userId)).resolves.toBe(MAX_FAILURES_PER_HOUR);
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

  it('does not count a released attempt (the secret was right) nor a refused one', async () => {
    const claim = await sut.claimAttempt(userId, AuthFailureKind.Totp, null);
    await sut.release(claim);
    await fail(MAX_FAILURES_PER_HOUR);
    await refusal();

    await expect(sut.countInLastHour(userId)).resolves.toBe(MAX_FAILURES_PER_HOUR);
  });

  it('lets no more than 100 of a parallel burst through', async () => {
    await fail(95);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => sut.claimAttempt(userId, AuthFailureKind.Password, null)),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeLessThanOrEqual(5);
    await expect(sut.countInLastHour(userId)).resolves.toBeLessThanOrEqual(MAX_FAILURES_PER_HOUR);
  });

  it('counts only the last hour', async () => {
    await fail(MAX_FAILURES_PER_HOUR);
    clock.advance(60 * MINUTE);

    await expect(sut.countInLastHour(userId)).resolves.toBe(0);
    await expect(sut.claimAttempt(userId, AuthFailureKind.Password, null)).resolves.toBeDefined();
  });

  it('counts each account on its own', async () => {
    await fail(MAX_FAILURES_PER_HOUR);
    const other = await insertUser(dataSource, 'bob');

    await expect(sut.claimAttempt(other.id, AuthFailureKind.Password, null)).resolves.toBeDefined();
  });
});
