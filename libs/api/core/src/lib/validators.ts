import { applyDecorators } from '@nestjs/common';
import {
  EMAIL_MAX_LENGTH,
  OTP_CODE_PATTERN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '@twofold/shared/contracts';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

/** Exactly six ASCII digits, as a string: no spaces, signs or other digits sneak through. */
export const IsOtpCode = () =>
  applyDecorators(
    IsString({ message: 'The code must be six digits.' }),
    Matches(OTP_CODE_PATTERN, { message: 'The code must be six digits.' }),
  );

export const IsUsername = () =>
  applyDecorators(
    IsString({ message: `The username must be ${USERNAME_RULE}.` }),
    Matches(USERNAME_PATTERN, { message: `The username must be ${USERNAME_RULE}.` }),
  );

/**
 * The shape of a new password (SECURITY.md: length only, no composition rules). The list of
 * common passwords is checked by the users library, which owns it.
 */
export const IsAccountPassword = () =>
  applyDecorators(
    IsString({ message: 'The password must be text.' }),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
      message: `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
    }),
  );

export const IsAccountEmail = () =>
  applyDecorators(
    IsString({ message: 'The email address must be text.' }),
    MaxLength(EMAIL_MAX_LENGTH, { message: 'The email address is too long.' }),
    IsEmail({}, { message: 'The email address is not valid.' }),
  );
