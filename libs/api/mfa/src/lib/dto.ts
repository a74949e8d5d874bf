import { ApiProperty } from '@nestjs/swagger';
import { IsOtpCode } from '@twofold/api/core';
import {
  EmailOtpPurpose,
  EmailOtpSendRequest,
  EmailOtpSentResponse,
  MfaMethod,
  OTP_CODE_PATTERN,
  OtpCodeRequest,
  TotpDisableProof,
  TotpDisableRequest,
  TotpSetupResponse,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import { IsIn } from 'class-validator';
import type { SettingsOtpPurpose } from './two-factor.service';

const SETTINGS_PURPOSES: readonly SettingsOtpPurpose[] = [
  EmailOtpPurpose.EnableEmail,
  EmailOtpPurpose.DisableEmail,
  EmailOtpPurpose.EnableTotp,
  EmailOtpPurpose.DisableTotp,
];
const TOTP_DISABLE_PROOFS = Object.values(TotpDisableProof);

export class OtpCodeDto implements OtpCodeRequest {
  @ApiProperty({ example: '123456', pattern: OTP_CODE_PATTERN.source })
  @IsOtpCode()
  readonly code!: string;
}

export class EmailOtpSendDto implements EmailOtpSendRequest {
  @ApiProperty({ enum: SETTINGS_PURPOSES, example: EmailOtpPurpose.EnableEmail })
  @IsIn(SETTINGS_PURPOSES, { message: `The purpose must be ${SETTINGS_PURPOSES.join(' or ')}.` })
  readonly purpose!: SettingsOtpPurpose;
}

export class EmailOtpSentResponseDto implements EmailOtpSentResponse {
  @ApiProperty({ example: 'a•••e@example.com', description: 'The address, masked.' })
  readonly sentTo!: string;

  @ApiProperty({ format: 'date-time' })
  readonly expiresAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the next code may be requested.' })
  readonly resendAvailableAt!: string;
}

export class TwoFactorStatusDto implements TwoFactorStatus {
  @ApiProperty()
  readonly enabled!: boolean;

  @ApiProperty({ enum: MfaMethod, isArray: true })
  readonly methods!: MfaMethod[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly enforcementDate!: string | null;
}

export class TotpSetupResponseDto implements TotpSetupResponse {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    description: 'Base32 without padding, for typing into the app by hand. Shown only here.',
  })
  readonly secret!: string;

  @ApiProperty({
    example: 'otpauth://totp/Twofold:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Twofold',
  })
  readonly keyUri!: string;

  @ApiProperty({ example: 'data:image/png;base64,iVBORw0KGgo…', description: 'The QR code.' })
  readonly qrCodeDataUrl!: string;

  @ApiProperty({ format: 'date-time', description: 'When the unconfirmed secret stops working.' })
  readonly expiresAt!: string;
}

export class TotpDisableDto implements TotpDisableRequest {
  @ApiProperty({ example: '123456', pattern: OTP_CODE_PATTERN.source })
  @IsOtpCode()
  readonly code!: string;

  @ApiProperty({
    enum: TotpDisableProof,
    description:
      '`totp`: a current code from the app; `email`: a fresh code of purpose disable-totp.',
  })
  @IsIn(TOTP_DISABLE_PROOFS, { message: `The proof must be ${TOTP_DISABLE_PROOFS.join(' or ')}.` })
  readonly proof!: TotpDisableProof;
}
