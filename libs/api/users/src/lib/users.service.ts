import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock, DomainError, validationFailed } from '@twofold/api/core';
import { AccountView, ApiErrorCode, Role, TwoFactorStatus } from '@twofold/shared/contracts';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { User } from './user.entity';

export interface NewUser {
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly role?: Role;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers a user after the password rules. Throws 400 `validation_failed` for a refused
   * password and 409 `username_taken` / `email_taken` for a taken name or address.
   */
  async create(input: NewUser): Promise<User> {
    const username = normalizeUsername(input.username);
    const email = normalizeEmail(input.email);

    const problems = this.policy.problems(input.password, { username, email });
    if (problems.length > 0) {
      throw validationFailed({ password: problems });
    }
    await this.assertAvailable(username, email);

    const now = this.clock.now();
    const user = this.users.create({
      id: randomUUID(),
      username,
      email,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role ?? Role.User,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      // Two sign-ups for the same name can pass the check above at the same time.
      if (isUniqueViolation(error)) {
        await this.assertAvailable(username, email);
      }
      throw error;
    }
    this.logger.log(`User ${user.id} created (role ${user.role})`);
    delete user.passwordHash;
    return user;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username: normalizeUsername(username) });
  }

  /** The only way to read a password hash, for checking a password. */
  findByUsernameWithHash(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username: normalizeUsername(username) })
      .getOne();
  }

  /** The public shape of an account; the caller supplies the 2FA status (owned by mfa). */
  toAccountView(user: User, twoFactor: TwoFactorStatus): AccountView {
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      role: user.role,
      createdAt: user.createdAt.toISOString(),
      twoFactor,
    };
  }

  private async assertAvailable(username: string, email: string): Promise<void> {
    if (await this.users.existsBy({ username })) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        ApiErrorCode.UsernameTaken,
        'This username is taken. Please choose another one.',
      );
    }
    if (await this.users.existsBy({ email })) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        ApiErrorCode.EmailTaken,
        'An account with this email address already exists.',
      );
    }
  }
}

/**
 * The one spelling a username is stored and looked up under. Whatever else keys on a typed name
 * (such as the lock of an unknown one) must use it too, or spellings tell which names exist.
 */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
