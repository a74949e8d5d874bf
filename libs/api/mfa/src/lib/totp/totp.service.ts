import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AccountViewsService,
  AuthFailureKind,
  AuthFailuresService,
  SessionContext,
  SessionRequest,
  SessionsService,
} from '@twofold/api/auth';
import { AppConfig, Clock, DomainError } from '@twofold/api/core';
import { MailService, SecurityEvent } from '@twofold/api/otp-mail';
import { User, UsersService } from '@twofold/api/users';
import {
  ApiErrorCode,
  EmailOtpPurpose,
  MfaMethod,
  SessionState,
  SessionView,
  TotpDisableProof,
  TotpSetupResponse,
} from '@twofold/shared/contracts';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import { IsNull, LessThan, MoreThan, Or, Repository } from 'typeorm';
import { EmailOtpService } from '../email-otp.service';
import { MfaMethodsService } from '../mfa-methods.service';
import { SecretCipher } from './secret-cipher';
import { TotpAdapter } from './totp.adapter';
import { TotpCredential, TotpCredentialState } from './totp-credential.entity';

/** How long a new secret waits for its first code from the app before it is void. */
export const TOTP_PENDING_TTL_MINUTES = 15;
/** Setup replaces the pending secret; a racing setup may take this many tries to get its row in. */
const SETUP_INSERT_TRIES = 3;

type Owner = Pick<User, 'id' | 'username' | 'email'>;

/**
 * The authenticator app (RFC 6238) as a second factor: setup behind an emailed code, activation
 * with a first code from the app, sign-in and turning it off. Every accepted code moves the
 * credential's `last_used_step` forward in one conditional UPDATE, so a code works once, even
 * when requests race or several API instances share the database.
 */
@Injectable()
export class TotpService {
  private readonly logger = new Logger(TotpService.name);

  constructor(
    @InjectRepository(TotpCredential) private readonly credentials: Repository<TotpCredential>,
    private readonly adapter: TotpAdapter,
    private readonly cipher: SecretCipher,
    private readonly otp: EmailOtpService,
    private readonly methods: MfaMethodsService,
    private readonly failures: AuthFailuresService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly views: AccountViewsService,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * After a fresh emailed code of purpose enable-totp: a new pending secret, replacing any
   * earlier pending one. This is the only answer that ever carries the secret.
   */
  async setup(
    session: SessionContext,
    emailCode: string,
    ip: string | null,
  ): Promise<TotpSetupResponse> {
    const user = await this.userOf(session);
    await this.assertEmailOn(user.id);
    await this.methods.assertState(user.id, MfaMethod.Totp, false);
    await this.otp.verify(user, EmailOtpPurpose.EnableTotp, session, emailCode, ip);

    const secret = this.adapter.generateSecret();
    const keyUri = this.adapter.keyUri({
      issuer: this.config.appName,
      account: user.username,
      secret,
    });
    const qrCodeDataUrl = await QRCode.toDataURL(keyUri, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 256,
    });
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + TOTP_PENDING_TTL_MINUTES * 60_000);
    await this.replacePending(user.id, this.cipher.seal(secret, user.id), now, expiresAt);
    this.logger.log(`User ${user.id} started authenticator setup (ip ${ip ?? 'unknown'})`);

    return { secret, keyUri, qrCodeDataUrl, expiresAt: expiresAt.toISOString() };
  }

  /** The first code from the app turns the pending secret into the active one. */
  async activate(session: SessionContext, code: string, ip: string | null): Promise<void> {
    const user = await this.userOf(session);
    // Checked again, not only at setup: the app builds on email 2FA, which may have been turned
    // off since the setup began (it can be while the app is only pending).
    await this.assertEmailOn(user.id);
    await this.methods.assertState(user.id, MfaMethod.Totp, false);
    const now = this.clock.now();

    const pending = await this.credentialOf(user.id, TotpCredentialState.Pending);
    if (!pending) {
      throw new DomainError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ApiErrorCode.CodeNotFound,
        'There is no authenticator setup to confirm. Please start the setup again.',
      );
    }
    if (!pending.expiresAt || pending.expiresAt.getTime() <= now.getTime()) {
      await this.credentials.delete({ id: pending.id, state: TotpCredentialState.Pending });
      throw new DomainError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ApiErrorCode.CodeExpired,
        `The setup expired after ${TOTP_PENDING_TTL_MINUTES} minutes. Please start it again.`,
      );
    }

    // Claimed before the check and given back on success: a burst cannot pass the hourly limit.
    const claim = await this.failures.claimAttempt(user.id, AuthFailureKind.Totp, ip);
    const step = this.adapter.verify(this.secretOf(pending, user.id), code, now);
    if (step === null) {
      return this.refuseWrongCode(user.id, 'activation', ip);
    }
    await this.failures.release(claim);

    let activated: number | undefined;
    try {
      const result = await this.credentials
        .createQueryBuilder()
        .update(TotpCredential)
        .set({
          state: TotpCredentialState.Active,
          activatedAt: now,
          expiresAt: null,
          lastUsedStep: step,
        })
        .where({ id: pending.id, state: TotpCredentialState.Pending, expiresAt: MoreThan(now) })
        .execute();
      activated = result.affected;
    } catch (error) {
      // The unique key on (user, state) turned this away: another setup was activated first.
      await this.methods.assertState(user.id, MfaMethod.Totp, false);
      throw error;
    }
    if (activated !== 1) {
      throw new DomainError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ApiErrorCode.CodeNotFound,
        'This setup was replaced or has expired. Please start the setup again.',
      );
    }

    this.logger.log(`User ${user.id} turned on authenticator 2FA (ip ${ip ?? 'unknown'})`);
    await this.notify(user, 'factor-added');
  }

  /** Checks the app's code and moves the pending-mfa session to authenticated under a new id. */
  async verifySignIn(
    req: SessionRequest,
    res: Response,
    session: SessionContext,
    code: string,
    ip: string | null,
  ): Promise<SessionView> {
    const user = await this.userOf(session);
    await this.acceptCode(user, code, 'sign-in', ip);

    const authenticated = await this.sessions.stepUp(req, res, session, SessionState.Authenticated);
    this.logger.log(`User ${user.id} passed authenticator 2FA (ip ${ip ?? 'unknown'})`);
    return this.views.sessionView(authenticated);
  }

  /** Turns the app off with a current code from it or a fresh emailed code; deletes the secret. */
  async disable(
    session: SessionContext,
    proof: TotpDisableProof,
    code: string,
    ip: string | null,
  ): Promise<void> {
    const user = await this.userOf(session);
    await this.methods.assertState(user.id, MfaMethod.Totp, true);
    if (proof === TotpDisableProof.Totp) {
      await this.acceptCode(user, code, 'disable', ip);
    } else {
      await this.otp.verify(user, EmailOtpPurpose.DisableTotp, session, code, ip);
    }

    const deleted = await this.credentials.delete({ userId: user.id });
    if ((deleted.affected ?? 0) > 0) {
      this.logger.log(
        `User ${user.id} turned off authenticator 2FA with a ${proof} code (ip ${ip ?? 'unknown'})`,
      );
      await this.notify(user, 'factor-removed');
    }
  }

  /**
   * Accepts a code of the active secret once. The step only moves forward, in one conditional
   * UPDATE: of two requests with the same code exactly one sees its row change.
   */
  private async acceptCode(
    user: Owner,
    code: string,
    context: 'sign-in' | 'disable',
    ip: string | null,
  ): Promise<void> {
    const active = await this.credentialOf(user.id, TotpCredentialState.Active);
    if (!active) {
      throw this.notOn();
    }

    const claim = await this.failures.claimAttempt(user.id, AuthFailureKind.Totp, ip);
    const secret = this.secretOf(active, user.id);
    const step = this.adapter.verify(secret, code, this.clock.now());
    if (step === null) {
      return this.refuseWrongCode(user.id, context, ip);
    }

    const accepted = await this.credentials
      .createQueryBuilder()
      .update(TotpCredential)
      .set({ lastUsedStep: step })
      .where({
        id: active.id,
        state: TotpCredentialState.Active,
        lastUsedStep: Or(IsNull(), LessThan(step)),
      })
      .execute();
    if (accepted.affected !== 1) {
      if (!(await this.methods.isEnabled(user.id, MfaMethod.Totp))) {
        throw this.notOn();
      }
      return this.refuseReplay(user, context, ip);
    }
    await this.failures.release(claim);

    if (active.sealedSecret && this.cipher.needsReseal(active.sealedSecret)) {
      await this.credentials.update(
        { id: active.id },
        { sealedSecret: this.cipher.seal(secret, user.id) },
      );
    }
  }

  private async replacePending(
    userId: string,
    sealedSecret: string,
    now: Date,
    expiresAt: Date,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.credentials.manager.transaction(async (manager) => {
          await manager.delete(TotpCredential, { userId, state: TotpCredentialState.Pending });
          await manager.insert(TotpCredential, {
            id: randomUUID(),
            userId,
            sealedSecret,
            state: TotpCredentialState.Pending,
            createdAt: now,
            expiresAt,
            activatedAt: null,
            lastUsedStep: null,
          });
        });
        return;
      } catch (error) {
        // A concurrent setup of the same user inserted its pending row in between; replace it.
        if (attempt >= SETUP_INSERT_TRIES) {
          throw error;
        }
      }
    }
  }

  private async refuseWrongCode(
    userId: string,
    context: 'activation' | 'sign-in' | 'disable',
    ip: string | null,
  ): Promise<never> {
    // The attempt claimed before the check stays recorded as this failure.
    this.logger.warn(
      `Authenticator code refused (invalid) for user ${userId}, ${context}, ip ${ip ?? 'unknown'}`,
    );
    throw new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ApiErrorCode.CodeInvalid,
      'That code is not right. Enter the code your authenticator app shows now, and check that the time on your phone is set automatically.',
    );
  }

  private async refuseReplay(
    user: Owner,
    context: 'sign-in' | 'disable',
    ip: string | null,
  ): Promise<never> {
    this.logger.warn(
      `Refused a reused authenticator code for user ${user.id}, ${context}, ip ${ip ?? 'unknown'}`,
    );
    await this.notify(user, 'code-reused');
    throw new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      ApiErrorCode.CodeInvalid,
      'This code was already used. Wait for the next one in your app.',
    );
  }

  private credentialOf(userId: string, state: TotpCredentialState): Promise<TotpCredential | null> {
    return this.credentials.findOne({
      select: {
        id: true,
        userId: true,
        sealedSecret: true,
        state: true,
        expiresAt: true,
        lastUsedStep: true,
      },
      where: { userId, state },
    });
  }

  private secretOf(credential: TotpCredential, userId: string): string {
    if (!credential.sealedSecret) {
      throw new Error(`TOTP credential ${credential.id} has no sealed secret`);
    }
    return this.cipher.open(credential.sealedSecret, userId);
  }

  private async userOf(session: SessionContext): Promise<User> {
    const user = await this.users.findById(session.userId);
    if (!user) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        ApiErrorCode.Unauthenticated,
        'Please sign in.',
      );
    }
    return user;
  }

  private async assertEmailOn(userId: string): Promise<void> {
    if (!(await this.methods.isEnabled(userId, MfaMethod.Email))) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        ApiErrorCode.MfaNotEnabled,
        'Turn on email two-factor authentication first: the authenticator app builds on it.',
      );
    }
  }

  private notOn(): DomainError {
    return new DomainError(
      HttpStatus.CONFLICT,
      ApiErrorCode.MfaNotEnabled,
      'The authenticator app is not on for this account.',
    );
  }

  /** The change stands even when the notice cannot be sent; the lost notice is logged. */
  private async notify(user: Owner, event: SecurityEvent): Promise<void> {
    try {
      await this.mail.sendSecurityNotice({
        userId: user.id,
        to: user.email,
        username: user.username,
        event,
        method: MfaMethod.Totp,
        occurredAt: this.clock.now(),
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the ${event} notice to user ${user.id}: ${(error as Error).message}`,
      );
    }
  }
}
