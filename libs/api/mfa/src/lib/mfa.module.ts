import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiAuthModule, SecondFactorPolicy } from '@twofold/api/auth';
import { AppConfig } from '@twofold/api/core';
import { EmailOtpChallenge } from './email-otp-challenge.entity';
import { EmailOtpService } from './email-otp.service';
import { MfaMethodEntity } from './mfa-method.entity';
import { MfaMethodsService } from './mfa-methods.service';
import { MfaVerificationController } from './mfa-verification.controller';
import { SecretCipher } from './totp/secret-cipher';
import { TotpAdapter } from './totp/totp.adapter';
import { TotpController } from './totp/totp.controller';
import { TotpCredential } from './totp/totp-credential.entity';
import { TotpService } from './totp/totp.service';
import { TotpVerificationController } from './totp/totp-verification.controller';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorService } from './two-factor.service';

/**
 * Second factors. Global because it provides the auth library's `SecondFactorPolicy`, which
 * auth needs without depending on this library. Needs `OtpMailModule` configured by the app.
 */
@Global()
@Module({
  imports: [
    ApiAuthModule,
    TypeOrmModule.forFeature([MfaMethodEntity, EmailOtpChallenge, TotpCredential]),
  ],
  controllers: [
    MfaVerificationController,
    TotpVerificationController,
    TwoFactorController,
    TotpController,
  ],
  providers: [
    MfaMethodsService,
    EmailOtpService,
    TwoFactorService,
    TotpAdapter,
    TotpService,
    {
      provide: SecretCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SecretCipher(config.totpEncryptionKeys),
    },
    { provide: SecondFactorPolicy, useExisting: MfaMethodsService },
  ],
  exports: [SecondFactorPolicy, MfaMethodsService, EmailOtpService],
})
export class MfaModule {}
