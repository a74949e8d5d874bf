import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentSession, SessionContext, SessionRequest } from '@twofold/api/auth';
import { clientIp } from '@twofold/api/core';
import { EmailOtpSentResponse, TwoFactorStatus } from '@twofold/shared/contracts';
import { EmailOtpSendDto, EmailOtpSentResponseDto, OtpCodeDto, TwoFactorStatusDto } from './dto';
import { TwoFactorService } from './two-factor.service';

/** Two Factor Settings: turning email 2FA on and off, each with a fresh emailed code. */
@ApiTags('two-factor')
@Controller('two-factor')
@Authenticated()
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get()
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentSession() session: SessionContext): Promise<TwoFactorStatus> {
    return this.twoFactor.status(session);
  }

  @Post('email/send')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: EmailOtpSentResponseDto, description: 'A code was mailed.' })
  @ApiConflictResponse({ description: '`mfa_already_enabled` or `mfa_not_enabled`.' })
  @ApiTooManyRequestsResponse({ description: '`resend_cooldown`: wait `retryAfterSeconds`.' })
  @ApiServiceUnavailableResponse({ description: '`mail_unavailable`: nothing changed.' })
  sendCode(
    @CurrentSession() session: SessionContext,
    @Body() body: EmailOtpSendDto,
    @Req() req: SessionRequest,
  ): Promise<EmailOtpSentResponse> {
    return this.twoFactor.sendSettingsCode(session, body.purpose, clientIp(req));
  }

  @Post('email/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TwoFactorStatusDto, description: 'Email 2FA is on; the owner is told.' })
  @ApiConflictResponse({ description: '`mfa_already_enabled`.' })
  @ApiUnprocessableEntityResponse({
    description: '`code_invalid`, `code_expired`, `code_not_found`.',
  })
  enable(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
  ): Promise<TwoFactorStatus> {
    return this.twoFactor.enableEmail(session, body.code, clientIp(req));
  }

  @Post('email/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TwoFactorStatusDto, description: 'Email 2FA is off; the owner is told.' })
  @ApiConflictResponse({ description: '`mfa_not_enabled`.' })
  @ApiUnprocessableEntityResponse({
    description: '`code_invalid`, `code_expired`, `code_not_found`.',
  })
  disable(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
  ): Promise<TwoFactorStatus> {
    return this.twoFactor.disableEmail(session, body.code, clientIp(req));
  }
}
