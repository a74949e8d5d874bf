import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SecondFactorPolicy } from '@twofold/api/auth';
import { Clock, DomainError } from '@twofold/api/core';
import { ApiErrorCode, MfaMethod } from '@twofold/shared/contracts';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { MfaMethodEntity } from './mfa-method.entity';
import { TotpCredential, TotpCredentialState } from './totp/totp-credential.entity';

/**
 * Which second factors each user has on; the auth library's `SecondFactorPolicy`. Email 2FA is a
 * row in `mfa_methods`; the authenticator app is on while the user has an active TOTP credential,
 * which is the one record of it, so the two can never disagree.
 */
/** What a user is told when a method is not in the state a request needs. */
const STATE_MESSAGES: Record<MfaMethod, { readonly on: string; readonly off: string }> = {
  [MfaMethod.Email]: {
    on: 'Email two-factor authentication is already on.',
    off: 'Email two-factor authentication is not on.',
  },
  [MfaMethod.Totp]: {
    on: 'An authenticator app is already on. Turn it off first to set up another one.',
    off: 'The authenticator app is not on for this account.',
  },
};

@Injectable()
export class MfaMethodsService implements SecondFactorPolicy {
  private readonly logger = new Logger(MfaMethodsService.name);

  constructor(
    @InjectRepository(MfaMethodEntity) private readonly methods: Repository<MfaMethodEntity>,
    private readonly clock: Clock,
    @InjectRepository(TotpCredential) private readonly totp: Repository<TotpCredential>,
  ) {}

  async enabledMethods(userId: string): Promise<MfaMethod[]> {
    const rows = await this.methods.find({ where: { userId }, order: { enabledAt: 'ASC' } });
    const methods: MfaMethod[] = rows
      .map((row) => row.method)
      .filter((method) => method !== MfaMethod.Totp);
    if (await this.totpActive(userId)) {
      methods.push(MfaMethod.Totp);
    }
    return methods;
  }

  async isEnabled(userId: string, method: MfaMethod): Promise<boolean> {
    return method === MfaMethod.Totp
      ? this.totpActive(userId)
      : this.methods.existsBy({ userId, method });
  }

  /**
   * Throws 409 `mfa_already_enabled` or `mfa_not_enabled` unless the method is on (`expected`
   * true) or off (false).
   */
  async assertState(userId: string, method: MfaMethod, expected: boolean): Promise<void> {
    const enabled = await this.isEnabled(userId, method);
    if (enabled === expected) {
      return;
    }
    throw enabled
      ? new DomainError(
          HttpStatus.CONFLICT,
          ApiErrorCode.MfaAlreadyEnabled,
          STATE_MESSAGES[method].on,
        )
      : new DomainError(
          HttpStatus.CONFLICT,
          ApiErrorCode.MfaNotEnabled,
          STATE_MESSAGES[method].off,
        );
  }

  /**
   * Turns email 2FA on. False when it already was (e.g. two racing requests): nothing changed.
   * The authenticator app is turned on and off by `TotpService` only.
   */
  async enable(userId: string, method: MfaMethod.Email): Promise<boolean> {
    if (await this.isEnabled(userId, method)) {
      return false;
    }

    try {
      await this.methods.insert({ id: randomUUID(), userId, method, enabledAt: this.clock.now() });
    } catch (error) {
      // The unique key on (user, method) turned away a concurrent request that got there first.
      if (await this.isEnabled(userId, method)) {
        return false;
      }
      throw error;
    }
    this.logger.log(`User ${userId} turned on ${method} 2FA`);
    return true;
  }

  /** Turns email 2FA off. False when it was not on. */
  async disable(userId: string, method: MfaMethod.Email): Promise<boolean> {
    const deleted = await this.methods.delete({ userId, method });
    const removed = (deleted.affected ?? 0) > 0;
    if (removed) {
      this.logger.log(`User ${userId} turned off ${method} 2FA`);
    }
    return removed;
  }

  private totpActive(userId: string): Promise<boolean> {
    return this.totp.existsBy({ userId, state: TotpCredentialState.Active });
  }
}
