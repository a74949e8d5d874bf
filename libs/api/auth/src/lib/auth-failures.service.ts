import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock, DomainError, deleteRows, secondsUntil } from '@twofold/api/core';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { randomUUID } from 'node:crypto';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { AuthFailure, AuthFailureKind } from './auth-failure.entity';

/** At most this many failed attempts (passwords and codes) per account per hour (SECURITY.md). */
export const MAX_FAILURES_PER_HOUR = 100;
const HOUR_MS = 60 * 60 * 1000;
/** Rows older than this are of no use to the limit and are pruned when new ones are written. */
const RETENTION_MS = 24 * HOUR_MS;

/** One attempt taken from the account's hourly allowance; see `claimAttempt`. */
export interface AttemptClaim {
  readonly id: string;
}

/**
 * The per-account failure counter shared by every secret a user can get wrong. It lives in the
 * database so that all API instances behind a load balancer count together.
 */
@Injectable()
export class AuthFailuresService {
  private readonly logger = new Logger(AuthFailuresService.name);

  constructor(
    @InjectRepository(AuthFailure) private readonly failures: Repository<AuthFailure>,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes one of the account's attempts for the hour BEFORE the secret is checked, and throws 429
   * when none is left. Counting first and recording after would let a burst of parallel requests
   * all pass the count; here each request's own row is already in the count it sees. The claim
   * stands as the failure record unless the caller releases it because the secret was right.
   */
  async claimAttempt(
    userId: string,
    kind: AuthFailureKind,
    ip: string | null,
  ): Promise<AttemptClaim> {
    const now = this.clock.now();
    const id = randomUUID();
    await this.failures.insert({ id, userId, kind, ip, createdAt: now });
    await deleteRows(this.failures, {
      userId,
      createdAt: LessThan(new Date(now.getTime() - RETENTION_MS)),
    });

    const count = await this.countInLastHour(userId);
    if (count > MAX_FAILURES_PER_HOUR) {
      // A refused attempt checked no secret, so it does not count against the account.
      await this.failures.delete({ id });
      await this.throwLocked(userId, count - 1, ip);
    }

    return { id };
  }

  /** The secret was right: the claimed attempt is not a failure. */
  async release(claim: AttemptClaim): Promise<void> {
    await this.failures.delete({ id: claim.id });
  }

  countInLastHour(userId: string): Promise<number> {
    return this.failures.countBy({ userId, createdAt: MoreThan(this.windowStart()) });
  }

  private async throwLocked(userId: string, count: number, ip: string | null): Promise<never> {
    const since = this.windowStart();
    const oldest = await this.failures.findOne({
      where: { userId, createdAt: MoreThan(since) },
      order: { createdAt: 'ASC' },
    });
    const freesAt = (oldest?.createdAt.getTime() ?? this.clock.now().getTime()) + HOUR_MS;
    const retryAfterSeconds = secondsUntil(freesAt, this.clock.now());
    this.logger.warn(
      `Account ${userId} is locked for ${retryAfterSeconds}s after ${count} failures (ip ${ip ?? 'unknown'})`,
    );
    throw new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      ApiErrorCode.TooManyAttempts,
      'Too many failed attempts on this account. Please try again later.',
      { retryAfterSeconds },
    );
  }

  private windowStart(): Date {
    return new Date(this.clock.now().getTime() - HOUR_MS);
  }
}
