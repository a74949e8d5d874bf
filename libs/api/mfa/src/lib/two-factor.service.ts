import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  AccountViewsService,
  SessionContext,
  SessionRequest,
  SessionsService,
} from '@twofold/api/auth';
import { Clock, DomainError } from '@twofold/api/core';
import { MailService } from '@twofold/api/otp-mail';
import { User, UsersService } from '@twofold/api/users';
import {
  ApiErrorCode,
  EmailOtpPurpose,
  EmailOtpSentResponse,
  MfaMethod,
  SessionState,
  SessionView,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import type { Response } from 'express';
import { EmailOtpService } from './email-otp.service';
import { MfaMethodsService } from './mfa-methods.service';

/** The purposes a signed-in user may ask a code for on Two Factor Settings. */
export type SettingsOtpPurpose =
  | EmailOtpPurpose.EnableEmail
  | EmailOtpPurpose.DisableEmail
  | EmailOtpPurpose.EnableTotp
  | EmailOtpPurpose.DisableTotp;

/** The email second factor: sign-in verification, and turning it on and off. */
@Injectable()
export class TwoFactorService {
  private readonly logger = new Logger(TwoFactorService.name);

  constructor(
    private readonly otp: EmailOtpService,
    private readonly methods: MfaMethodsService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly views: AccountViewsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  status(session: SessionContext): Promise<TwoFactorStatus> {
    return this.views.twoFactorStatus(session.userId);
  }

  async sendSignInCode(session: SessionContext, ip: string | null): Promise<EmailOtpSentResponse> {
    const user = await this.userOf(session);
    await this.methods.assertState(user.id, MfaMethod.Email, true);
    return this.otp.issue(user, EmailOtpPurpose.SignIn, session, ip);
  }

  /** Checks the sign-in code and moves the session to authenticated under a new id. */
  async verifySignIn(
    req: SessionRequest,
    res: Response,
    session: SessionContext,
    code: string,
    ip: string | null,
  ): Promise<SessionView> {
    const user = await this.userOf(session);
    await this.methods.assertState(user.id, MfaMethod.Email, true);
    await this.otp.verify(user, EmailOtpPurpose.SignIn, session, code, ip);

    const authenticated = await this.sessions.stepUp(req, res, session, SessionState.Authenticated);
    this.logger.log(`User ${user.id} passed email 2FA from ${ip ?? 'unknown'}`);
    return this.views.sessionView(authenticated);
  }

  async sendSettingsCode(
    session: SessionContext,
    purpose: SettingsOtpPurpose,
    ip: string | null,
  ): Promise<EmailOtpSentResponse> {
    const user = await this.userOf(session);
    switch (purpose) {
      case EmailOtpPurpose.EnableEmail:
        await this.methods.assertState(user.id, MfaMethod.Email, false);
        break;
      case EmailOtpPurpose.DisableEmail:
        await this.methods.assertState(user.id, MfaMethod.Email, true);
        await this.assertTotpOffBeforeEmail(user.id);
        break;
      case EmailOtpPurpose.EnableTotp:
        await this.methods.assertState(user.id, MfaMethod.Email, true);
        await this.methods.assertState(user.id, MfaMethod.Totp, false);
        break;
      case EmailOtpPurpose.DisableTotp:
        await this.methods.assertState(user.id, MfaMethod.Totp, true);
        break;
    }
    return this.otp.issue(user, purpose, session, ip);
  }

  async enableEmail(
    session: SessionContext,
    code: string,
    ip: string | null,
  ): Promise<TwoFactorStatus> {
    const user = await this.userOf(session);
    await this.methods.assertState(user.id, MfaMethod.Email, false);
    await this.otp.verify(user, EmailOtpPurpose.EnableEmail, session, code, ip);

    if (await this.methods.enable(user.id, MfaMethod.Email)) {
      this.logger.log(`User ${user.id} turned on email 2FA from ${ip ?? 'unknown'}`);
      await this.notify(user, 'factor-added');
    }
    return this.status(session);
  }

  async disableEmail(
    session: SessionContext,
    code: string,
    ip: string | null,
  ): Promise<TwoFactorStatus> {
    const user = await this.userOf(session);
    await this.methods.assertState(user.id, MfaMethod.Email, true);
    await this.assertTotpOffBeforeEmail(user.id);
    await this.otp.verify(user, EmailOtpPurpose.DisableEmail, session, code, ip);

    if (await this.methods.disable(user.id, MfaMethod.Email)) {
      this.logger.log(`User ${user.id} turned off email 2FA from ${ip ?? 'unknown'}`);
      await this.notify(user, 'factor-removed');
    }
    return this.status(session);
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

  /** The authenticator app is set up behind email 2FA, so email 2FA cannot go first. */
  private async assertTotpOffBeforeEmail(userId: string): Promise<void> {
    if (await this.methods.isEnabled(userId, MfaMethod.Totp)) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        ApiErrorCode.MfaAlreadyEnabled,
        'Turn off the authenticator app first: it builds on email two-factor authentication.',
      );
    }
  }

  /** The change stands even when the notice cannot be sent; the lost notice is logged. */
  private async notify(user: User, event: 'factor-added' | 'factor-removed'): Promise<void> {
    try {
      await this.mail.sendSecurityNotice({
        userId: user.id,
        to: user.email,
        username: user.username,
        event,
        method: MfaMethod.Email,
        occurredAt: this.clock.now(),
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the ${event} notice to user ${user.id}: ${(error as Error).message}`,
      );
    }
  }
}
