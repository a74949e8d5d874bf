import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
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
import { SessionState, SessionView } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { OtpCodeDto } from '../dto';
import { TotpService } from './totp.service';

/** Multi-Factor Verification with the authenticator app, from a pending-mfa session. */
@ApiTags('mfa')
@Controller('mfa/verify')
@AllowSessionStates(SessionState.PendingMfa)
export class TotpVerificationController {
  constructor(private readonly totp: TotpService) {}

  @Post('totp')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The authenticated `SessionView`; the session id was rotated.' })
  @ApiUnprocessableEntityResponse({
    description: '`code_invalid`: wrong, out of the ±30 s window, or already used.',
  })
  @ApiTooManyRequestsResponse({ description: '`too_many_attempts` on this account.' })
  @ApiConflictResponse({ description: '`mfa_not_enabled`: the account has no authenticator app.' })
  verify(
    @CurrentSession() session: SessionContext,
    @Body() body: OtpCodeDto,
    @Req() req: SessionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    return this.totp.verifySignIn(req, res, session, body.code, clientIp(req));
  }
}
