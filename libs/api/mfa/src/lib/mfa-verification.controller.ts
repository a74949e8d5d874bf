import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AllowSessionStates,
  CurrentSession,
  SessionContext,
  SessionRequest,
} from '@twofold/api/auth';
import { clientIp } from '@twofold/api/core';
import { EmailOtpSentResponse, SessionState, SessionView } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { EmailOtpSentResponseDto, OtpCodeDto } from './dto';
import { TwoFactorService } from './two-factor.service';

/** Multi-Factor Verification: the second step of signing in, from a pending-mfa session. */
@ApiTags('mfa')
@Controller('mfa/verify')
@AllowSessionStates(SessionState.PendingMfa)
export class MfaVerificationController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('email/send')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: EmailOtpSentResponseDto, description: 'A sign-in code was mailed.' })
  @ApiTooManyRequestsResponse({ description: '`resend_cooldown`: wait `retryAfterSeconds`.' })
  @ApiServiceUnavailableResponse({ description: '`mail_unavailable`: nothing changed.' })
  sendCode(
    @CurrentSession() session: SessionContext,
    @Req() req: SessionRequest,
  ): Promise<EmailOtpSentResponse> {
    return this.twoFactor.sendSignInCode(session, clientIp(req));
  }

  @Post('email')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The authenticated `SessionView`; the session id was rotated.' })
  @ApiUnprocessableEntityResponse({
    description: '`code_invalid`, `code_expired`, `code_not_found`.',
  })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` on this account.' })
  @ApiConflictResponse({ description: '`mfa_not_enabled`: the account has no email 2FA.' })
  verify(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    return this.twoFactor.verifySignIn(req, res, session, body.code, clientIp(req));
  }
}
