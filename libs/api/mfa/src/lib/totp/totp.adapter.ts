import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { base32nopad } from '@scure/base';
import { OTP_CODE_PATTERN } from '@twofold/shared/contracts';
import * as speakeasy from 'speakeasy';

/** RFC 6238 as the authenticator apps implement it: SHA-1, six digits, 30-second steps. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** 160 bits, the size RFC 4226 recommends; SECURITY.md asks for at least 112. */
export const TOTP_SECRET_BYTES = 20;
/** Steps accepted on either side of the server's current step. */
export const TOTP_WINDOW = 1;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpKeyUriParts {
  readonly issuer: string;
  readonly account: string;
  /** Base32 without padding. */
  readonly secret: string;
}

/**
 * The only place that talks to speakeasy. speakeasy 2.0.0 is unmaintained and has quirks that
 * change the codes silently (see SECURITY.md), so every call pins the encoding, and codes are
 * checked for their exact shape before speakeasy's lenient parseInt sees them.
 */
@Injectable()
export class TotpAdapter {
  /** A fresh secret: 20 bytes from the CSPRNG, Base32 without padding (32 characters). */
  generateSecret(): string {
    return base32nopad.encode(randomBytes(TOTP_SECRET_BYTES));
  }

  /** The step number a moment falls in. */
  stepAt(time: Date): number {
    return Math.floor(time.getTime() / 1000 / TOTP_STEP_SECONDS);
  }

  /**
   * Checks a six-digit code against the steps around `now`, and returns the step it belongs to,
   * or null. Replay protection is the caller's: it must refuse a step it already accepted.
   */
  verify(secret: string, code: string, now: Date): number | null {
    if (!OTP_CODE_PATTERN.test(code)) {
      return null;
    }

    const current = this.stepAt(now);
    for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
      if (this.codeForStep(secret, step) === code) {
        return step;
      }
    }

    return null;
  }

  /** The six-digit code of one step for a Base32 secret. */
  codeForStep(secret: string, step: number): string {
    return speakeasy.totp({
      secret,
      encoding: 'base32',
      algorithm: 'sha1',
      digits: TOTP_DIGITS,
      step: TOTP_STEP_SECONDS,
      time: step * TOTP_STEP_SECONDS,
    });
  }

  /** A code for any RFC 6238 parameters; the app only uses SHA-1 and six digits. */
  generate(
    secret: Buffer,
    time: Date,
    options: { readonly algorithm: TotpAlgorithm; readonly digits: number },
  ): string {
    return speakeasy.totp({
      secret: secret.toString('hex'),
      encoding: 'hex',
      algorithm: options.algorithm,
      digits: options.digits,
      step: TOTP_STEP_SECONDS,
      time: Math.floor(time.getTime() / 1000),
    });
  }

  /** An RFC 4226 HOTP code for a counter. */
  hotp(secret: Buffer, counter: number, digits = TOTP_DIGITS): string {
    return speakeasy.hotp({ secret: secret.toString('hex'), encoding: 'hex', counter, digits });
  }

  /**
   * The key URI the QR code carries. Built by hand because speakeasy 2.0.0 does not encode the
   * label; the apps split the label at its first colon, so neither part may contain one.
   */
  keyUri({ issuer, account, secret }: TotpKeyUriParts): string {
    if (issuer.includes(':') || account.includes(':')) {
      throw new Error('The TOTP issuer and account name must not contain a colon');
    }

    const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
    const query = `secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

    return `otpauth://totp/${label}?${query}`;
  }
}
