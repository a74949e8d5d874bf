import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AccountViewsService,
  Authenticated,
  CurrentSession,
  SessionContext,
  SessionRequest,
} from '@twofold/api/auth';
import { clientIp } from '@twofold/api/core';
import { TotpSetupResponse, TwoFactorStatus } from '@twofold/shared/contracts';
import { OtpCodeDto, TotpDisableDto, TotpSetupResponseDto, TwoFactorStatusDto } from '../dto';
import { TotpService } from './totp.service';

/** Two Factor Settings: adding and removing the authenticator app. */
@ApiTags('two-factor')
@Controller('two-factor/totp')
@Authenticated()
export class TotpController {
  constructor(
    private readonly totp: TotpService,
    private readonly views: AccountViewsService,
  ) {}

  @Post('setup')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TotpSetupResponseDto,
    description: 'A new pending secret (replacing an earlier pending one), valid 15 minutes.',
  })
  @ApiConflictResponse({
    description: '`mfa_not_enabled` (email 2FA off) or `mfa_already_enabled`.',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The emailed enable-totp code: `code_invalid`, `code_expired`, `code_not_found`.',
  })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` on this account.' })
  setup(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
  ): Promise<TotpSetupResponse> {
    return this.totp.setup(session, body.code, clientIp(req));
  }

  @Post('activate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TwoFactorStatusDto, description: 'The app is on; the owner is told.' })
  @ApiConflictResponse({ description: '`mfa_already_enabled`.' })
  @ApiUnprocessableEntityResponse({
    description: "The app's code: `code_invalid`; the setup: `code_not_found`, `code_expired`.",
  })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` on this account.' })
  async activate(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
  ): Promise<TwoFactorStatus> {
    await this.totp.activate(session, body.code, clientIp(req));
    return this.views.twoFactorStatus(session.userId);
  }

  @Post('disable')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TwoFactorStatusDto, description: 'The app is off; the secret deleted.' })
  @ApiConflictResponse({ description: '`mfa_not_enabled`.' })
  @ApiUnprocessableEntityResponse({
    description: '`code_invalid` (also a reused app code), `code_expired`, `code_not_found`.',
  })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` on this account.' })
  async disable(
    @CurrentSession() session: SessionContext,
    @Body() body: TotpDisableDto,
    @Req() req: SessionRequest,
  ): Promise<TwoFactorStatus> {
    await this.totp.disable(session, body.proof, body.code, clientIp(req));
    return this.views.twoFactorStatus(session.userId);
  }
}
