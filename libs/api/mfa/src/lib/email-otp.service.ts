import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthFailureKind, AuthFailuresService, SessionContext } from '@twofold/api/auth';
import { AppConfig, Clock, DomainError, deleteRows, secondsUntil } from '@twofold/api/core';
import { MailService, MailUnavailableError } from '@twofold/api/otp-mail';
import { User } from '@twofold/api/users';
import {
  ApiErrorCode,
  EmailOtpPurpose,
  EmailOtpSentResponse,
  OTP_CODE_LENGTH,
} from '@twofold/shared/contracts';
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import { EmailOtpChallenge } from './email-otp-challenge.entity';

/** How long an emailed code works (SECURITY.md: at most 10 minutes). */
export const EMAIL_OTP_TTL_MINUTES = 10;
/** How long after a code the next one may be asked for, per user, purpose and session. */
export const EMAIL_OTP_RESEND_COOLDOWN_SECONDS = 60;
/**
 * Codes mailed to one user in an hour, over all sessions and purposes (ours): the cooldown is per
 * session, and anyone with the password can open sessions, so this caps the mails they can cause.
 */
export const EMAIL_OTP_MAX_PER_HOUR = 10;
/** Wrong answers that kill a code. */
export const EMAIL_OTP_MAX_WRONG_TRIES = 5;
/** Challenges older than this can no longer matter to expiry or cooldown and are pruned. */
const HOUR_MS = 60 * 60 * 1000;
const RETENTION_MS = 24 * HOUR_MS;

export type EmailOtpRecipient = Pick<User, 'id' | 'username' | 'email'>;
export type EmailOtpSession = Pick<SessionContext, 'id'>;

type FailureReason = 'not-found' | 'expired' | 'invalid';

/**
 * Emailed one-time passwords: issued bound to a user, a purpose and a session, stored only as an
 * HMAC, and checked with conditional updates so that racing requests, even from several API
 * instances, can never use one code twice.
 */
@Injectable()
export class EmailOtpService {
  private readonly logger = new Logger(EmailOtpService.name);

  constructor(
    @InjectRepository(EmailOtpChallenge)
    private readonly challenges: Repository<EmailOtpChallenge>,
    private readonly mail: MailService,
    private readonly failures: AuthFailuresService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Mails a new code that supersedes the live one of the same user, purpose and session. The mail
   * goes first: when it cannot be sent nothing changes, the old code keeps working and no
   * cooldown starts.
   */
  async issue(
    user: EmailOtpRecipient,
    purpose: EmailOtpPurpose,
    session: EmailOtpSession,
    ip: string | null = null,
  ): Promise<EmailOtpSentResponse> {
    const now = this.clock.now();
    const code = randomInt(0, 10 ** OTP_CODE_LENGTH)
      .toString()
      .padStart(OTP_CODE_LENGTH, '0');
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + EMAIL_OTP_TTL_MINUTES * 60_000);

    // The sends of one user pass here one at a time, on every instance: a write to the user's row
    // holds MySQL's row lock (or SQLite's write lock) until the commit, so the cooldown and the
    // hourly count see every earlier send, whatever order the instances' clocks put them in. The
    // new challenge is not live yet (marked superseded) until its mail is out.
    await this.challenges.manager.transaction(async (manager) => {
      await manager.query('UPDATE users SET updated_at = updated_at WHERE id = ?', [user.id]);
      await this.assertCooldownOver(manager, user.id, purpose, session.id, now);
      await this.assertHourlyAllowanceLeft(manager, user.id, now, ip);
      await manager.insert(EmailOtpChallenge, {
        id,
        userId: user.id,
        sessionId: session.id,
        purpose,
        codeHash: this.hash(id, code),
        createdAt: now,
        expiresAt,
        failedAttempts: 0,
        consumedAt: null,
        supersededAt: now,
      });
    });

    try {
      await this.mail.sendOtp({
        userId: user.id,
        to: user.email,
        username: user.username,
        code,
        purpose,
        expiresInMinutes: EMAIL_OTP_TTL_MINUTES,
      });
    } catch (error) {
      // Nothing changes: the old code keeps working and no cooldown starts.
      await this.challenges.delete({ id });
      if (error instanceof MailUnavailableError) {
        throw new DomainError(
          HttpStatus.SERVICE_UNAVAILABLE,
          ApiErrorCode.MailUnavailable,
          'The code could not be sent. Please try again in a few minutes.',
        );
      }
      throw error;
    }

    await this.challenges.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(EmailOtpChallenge)
        .set({ supersededAt: now })
        .where({
          userId: user.id,
          purpose,
          sessionId: session.id,
          id: Not(id),
          consumedAt: IsNull(),
          supersededAt: IsNull(),
        })
        .execute();
      await manager.update(EmailOtpChallenge, { id }, { supersededAt: null });
    });
    await deleteRows(this.challenges, {
      userId: user.id,
      createdAt: LessThan(new Date(now.getTime() - RETENTION_MS)),
    });
    this.logger.log(`Sent a ${purpose} code to user ${user.id} (ip ${ip ?? 'unknown'})`);

    return {
      sentTo: maskEmail(user.email),
      expiresAt: expiresAt.toISOString(),
      resendAvailableAt: new Date(
        now.getTime() + EMAIL_OTP_RESEND_COOLDOWN_SECONDS * 1000,
      ).toISOString(),
    };
  }

  /**
   * Accepts the newest live code of this user, purpose and session once; throws a 422
   * `DomainError` otherwise. Every failure counts towards the account's hourly limit.
   */
  async verify(
    user: Pick<User, 'id'>,
    purpose: EmailOtpPurpose,
    session: EmailOtpSession,
    code: string,
    ip: string | null = null,
  ): Promise<void> {
    // The attempt is taken from the account's hourly allowance before anything is checked, so a
    // burst of parallel guesses cannot get past the limit; it is given back only on success.
    const claim = await this.failures.claimAttempt(user.id, AuthFailureKind.EmailOtp, ip);
    const now = this.clock.now();

    const challenge = await this.challenges.findOne({
      select: { id: true, codeHash: true, expiresAt: true, failedAttempts: true },
      where: {
        userId: user.id,
        purpose,
        sessionId: session.id,
        consumedAt: IsNull(),
        supersededAt: IsNull(),
      },
      order: { createdAt: 'DESC' },
    });
    if (!challenge || challenge.failedAttempts >= EMAIL_OTP_MAX_WRONG_TRIES) {
      return this.fail('not-found', user.id, purpose, ip);
    }
    if (challenge.expiresAt.getTime() <= now.getTime()) {
      return this.fail('expired', user.id, purpose, ip);
    }

    // One of the code's tries is taken before the comparison, like the account's attempts: of
    // any number of racing guesses, at most five are ever compared with the code.
    if (!(await this.takeTry(challenge.id))) {
      return this.fail('not-found', user.id, purpose, ip);
    }
    if (!this.matches(challenge, code)) {
      const triesLeft = await this.triesLeft(challenge.id);
      return this.fail('invalid', user.id, purpose, ip, triesLeft);
    }

    // The check and the write are one statement, so of two racing requests with the right code
    // only one sees an affected row.
    const consumed = await this.challenges
      .createQueryBuilder()
      .update(EmailOtpChallenge)
      .set({ consumedAt: now })
      .where({
        id: challenge.id,
        consumedAt: IsNull(),
        supersededAt: IsNull(),
        expiresAt: MoreThan(now),
      })
      .execute();
    if (consumed.affected !== 1) {
      return this.fail('not-found', user.id, purpose, ip);
    }
    await this.failures.release(claim);
    this.logger.log(`User ${user.id} confirmed a ${purpose} code (ip ${ip ?? 'unknown'})`);
  }

  /** Throws 429 while a code of this user, purpose and session is younger than the cooldown. */
  private async assertCooldownOver(
    manager: EntityManager,
    userId: string,
    purpose: EmailOtpPurpose,
    sessionId: string,
    now: Date,
  ): Promise<void> {
    const windowStart = new Date(now.getTime() - EMAIL_OTP_RESEND_COOLDOWN_SECONDS * 1000);
    const latest = await manager.findOne(EmailOtpChallenge, {
      select: { id: true, createdAt: true },
      where: { userId, purpose, sessionId, createdAt: MoreThan(windowStart) },
      order: { createdAt: 'DESC' },
    });
    if (!latest) {
      return;
    }

    const availableAt = latest.createdAt.getTime() + EMAIL_OTP_RESEND_COOLDOWN_SECONDS * 1000;
    const retryAfterSeconds = secondsUntil(availableAt, now);
    throw new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      ApiErrorCode.ResendCooldown,
      `A code was just sent. You can ask for a new one in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }

  /** Throws 429 when the user was mailed the hourly allowance of codes; run under the lock. */
  private async assertHourlyAllowanceLeft(
    manager: EntityManager,
    userId: string,
    now: Date,
    ip: string | null,
  ): Promise<void> {
    const windowStart = new Date(now.getTime() - HOUR_MS);
    const sent = await manager.countBy(EmailOtpChallenge, {
      userId,
      createdAt: MoreThan(windowStart),
    });
    if (sent < EMAIL_OTP_MAX_PER_HOUR) {
      return;
    }

    const oldest = await manager.findOne(EmailOtpChallenge, {
      select: { id: true, createdAt: true },
      where: { userId, createdAt: MoreThan(windowStart) },
      order: { createdAt: 'ASC' },
    });
    const freesAt = (oldest?.createdAt.getTime() ?? now.getTime()) + HOUR_MS;
    const retryAfterSeconds = secondsUntil(freesAt, now);
    const minutes = Math.ceil(retryAfterSeconds / 60);
    this.logger.warn(
      `User ${userId} reached ${EMAIL_OTP_MAX_PER_HOUR} emailed codes in an hour (ip ${ip ?? 'unknown'})`,
    );
    throw new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      ApiErrorCode.ResendCooldown,
      `${EMAIL_OTP_MAX_PER_HOUR} codes were sent to this account in the last hour. You can ask ` +
        `for a new one in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      { retryAfterSeconds },
    );
  }

  /**
   * Takes one of the code's tries in a single conditional statement; false when none is left (or
   * the code was used meanwhile). A try that turns out right consumes the code, so only wrong
   * ones ever add up to the limit.
   */
  private async takeTry(challengeId: string): Promise<boolean> {
    const taken = await this.challenges
      .createQueryBuilder()
      .update(EmailOtpChallenge)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where({
        id: challengeId,
        consumedAt: IsNull(),
        failedAttempts: LessThan(EMAIL_OTP_MAX_WRONG_TRIES),
      })
      .execute();
    return taken.affected === 1;
  }

  /** How many tries the code has left; 0 when the last one has been used. */
  private async triesLeft(challengeId: string): Promise<number> {
    const counted = await this.challenges.findOne({
      select: { id: true, failedAttempts: true },
      where: { id: challengeId },
    });
    return Math.max(0, EMAIL_OTP_MAX_WRONG_TRIES - (counted?.failedAttempts ?? 0));
  }

  private async fail(
    reason: FailureReason,
    userId: string,
    purpose: EmailOtpPurpose,
    ip: string | null,
    triesLeft = 0,
  ): Promise<never> {
    // The attempt claimed in `verify` stays recorded as this failure.
    this.logger.warn(
      `Email code refused (${reason}) for user ${userId}, purpose ${purpose}, ip ${ip ?? 'unknown'}`,
    );

    switch (reason) {
      case 'not-found':
        throw new DomainError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ApiErrorCode.CodeNotFound,
          'There is no valid code to check. Please request a new one.',
        );
      case 'expired':
        throw new DomainError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ApiErrorCode.CodeExpired,
          'This code has expired. Please request a new one.',
        );
      case 'invalid':
        throw new DomainError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ApiErrorCode.CodeInvalid,
          triesLeft > 0
            ? `That code is not right. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`
            : `That code is not right, and after ${EMAIL_OTP_MAX_WRONG_TRIES} wrong tries it no longer works. Please request a new one.`,
        );
    }
  }

  private matches(challenge: EmailOtpChallenge, code: string): boolean {
    if (!challenge.codeHash) {
      return false;
    }
    // Constant time, so that response timing says nothing about how close a guess was.
    const expected = Buffer.from(challenge.codeHash, 'hex');
    const actual = Buffer.from(this.hash(challenge.id, code), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private hash(challengeId: string, code: string): string {
    return createHmac('sha256', this.config.sessionSecret)
      .update(challengeId + code)
      .digest('hex');
  }
}

/** `ada@example.com` → `a•••a@example.com`: enough for the owner to recognise, little for others. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) {
    return '•••';
  }
  const local = email.slice(0, at);
  const masked = local.length <= 2 ? `${local[0]}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return `${masked}${email.slice(at)}`;
}
