import { Injectable } from '@nestjs/common';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

export interface PasswordOwner {
  readonly username: string;
  readonly email: string;
}

/**
 * The rules beyond length (SECURITY.md, ASVS 5.0 6.2.4, 6.2.9): no common password, nothing
 * built from the account's own name or address. No composition rules on purpose.
 */
@Injectable()
export class PasswordPolicy {
  private static common?: ReadonlySet<string>;

  /** The problems with a new password, as messages for the user; empty when it is acceptable. */
  problems(password: string, owner: PasswordOwner): string[] {
    const lowered = password.toLowerCase();
    const problems: string[] = [];

    if (PasswordPolicy.commonPasswords().has(lowered)) {
      problems.push('This password is too common. Please choose a less predictable one.');
    }
    const username = owner.username.toLowerCase();
    const email = owner.email.toLowerCase();
    if (username.length > 0 && lowered.includes(username)) {
      problems.push('The password must not contain the username.');
    }
    if (email.length > 0 && (lowered === email || lowered === email.split('@')[0])) {
      problems.push('The password must not be the email address.');
    }
    return problems;
  }

  isCommon(password: string): boolean {
    return PasswordPolicy.commonPasswords().has(password.toLowerCase());
  }

  private static commonPasswords(): ReadonlySet<string> {
    PasswordPolicy.common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n').filter(Boolean));
    return PasswordPolicy.common;
  }
}
