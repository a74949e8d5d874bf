import { Injectable } from '@nestjs/common';
import { AppConfig } from '@twofold/api/core';
import { User, UsersService } from '@twofold/api/users';
import { AccountView, SessionState, SessionView, TwoFactorStatus } from '@twofold/shared/contracts';
import { SecondFactorPolicy } from './second-factor.policy';
import { SessionContext } from './session-context';

/** Builds the views the SPA sees of an account and a session, with their 2FA status. */
@Injectable()
export class AccountViewsService {
  constructor(
    private readonly users: UsersService,
    private readonly secondFactors: SecondFactorPolicy,
    private readonly config: AppConfig,
  ) {}

  async twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
    const methods = await this.secondFactors.enabledMethods(userId);
    return {
      enabled: methods.length > 0,
      methods,
      enforcementDate: this.config.mfaEnforcementDate?.toISOString() ?? null,
    };
  }

  async accountView(user: User): Promise<AccountView> {
    return this.users.toAccountView(user, await this.twoFactorStatus(user.id));
  }

  /** Null when the session's user no longer exists. */
  async accountViewById(userId: string): Promise<AccountView | null> {
    const user = await this.users.findById(userId);
    return user ? this.accountView(user) : null;
  }

  async sessionView(session: SessionContext | null): Promise<SessionView> {
    if (!session) {
      return { state: 'anonymous' };
    }
    const expiresAt = session.expiresAt.toISOString();
    switch (session.state) {
      case SessionState.PendingMfa:
        return {
          state: session.state,
          methods: await this.secondFactors.enabledMethods(session.userId),
          expiresAt,
        };
      case SessionState.PendingEnrollment:
        return { state: session.state, expiresAt };
      case SessionState.Authenticated: {
        const user = await this.accountViewById(session.userId);
        return user ? { state: session.state, user, expiresAt } : { state: 'anonymous' };
      }
    }
  }
}
