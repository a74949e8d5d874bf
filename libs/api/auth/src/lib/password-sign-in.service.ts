import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError } from '@twofold/api/core';
import { normalizeUsername, PasswordHasher, User, UsersService } from '@twofold/api/users';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { createHmac } from 'node:crypto';
import { AuthFailureKind } from './auth-failure.entity';
import { AuthFailuresService } from './auth-failures.service';

/** Checks a username and password; the same answer for an unknown user and a wrong password. */
@Injectable()
export class PasswordSignInService {
  private readonly logger = new Logger(PasswordSignInService.name);

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly failures: AuthFailuresService,
    private readonly config: AppConfig,
  ) {}

  async verify(username: string, password: string, ip: string): Promise<User> {
    const user = await this.users.findByUsernameWithHash(username);
    // Unknown names are counted and locked under a stable pseudo id, so that the hourly lock
    // (429 after 100 failures) cannot tell which usernames exist.
    const subject = user?.passwordHash ? user.id : this.pseudoId(username);
    const claim = await this.failures.claimAttempt(subject, AuthFailureKind.Password, ip);

    if (!user?.passwordHash) {
      // Hash anyway: answering faster for unknown names would tell which names exist.
      await this.hasher.verifyAgainstDummy(password);
      // The typed name is not logged: people sometimes type their password into that field.
      this.logger.warn(`Failed sign-in for an unknown username (subject ${subject}) from ${ip}`);
      throw invalidCredentials();
    }

    const valid = await this.hasher.verify(user.passwordHash, password);
    delete user.passwordHash;
    if (!valid) {
      this.logger.warn(`Failed sign-in for user ${user.id} from ${ip}: wrong password`);
      throw invalidCredentials();
    }

    await this.failures.release(claim);
    return user;
  }

  /** A UUID-shaped id, the same for every spelling that the users lookup takes as one name. */
  private pseudoId(username: string): string {
    const hex = createHmac('sha256', this.config.sessionSecret)
      .update(`unknown-username:${normalizeUsername(username)}`)
      .digest('hex');
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20, 32),
    ].join('-');
  }
}

function invalidCredentials(): DomainError {
  return new DomainError(
    HttpStatus.UNAUTHORIZED,
    ApiErrorCode.InvalidCredentials,
    'The username or password is not correct.',
  );
}
