import { ApiProperty } from '@nestjs/swagger';
import { IsAccountEmail, IsAccountPassword, IsUsername } from '@twofold/api/core';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SignInRequest,
  SignUpRequest,
  USERNAME_RULE,
} from '@twofold/shared/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignUpDto implements SignUpRequest {
  @ApiProperty({ example: 'ada', description: USERNAME_RULE })
  @IsUsername()
  readonly username!: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: EMAIL_MAX_LENGTH })
  @IsAccountEmail()
  readonly email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsAccountPassword()
  readonly password!: string;
}

/** Sign-in checks only the shape: the rules for new passwords must not lock out old ones. */
export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'ada' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  readonly username!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  readonly password!: string;
}
