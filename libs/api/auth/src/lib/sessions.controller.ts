import { Controller, Get, HttpCode, HttpStatus, Logger, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { clientIp } from '@twofold/api/core';
import { EndOtherSessionsResponse, OtherSessionsView } from '@twofold/shared/contracts';
import { CurrentSession } from './current-session.decorator';
import { SessionContext } from './session-context';
import type { SessionRequest } from './session-request';
import { Authenticated } from './session-states.decorator';
import { SessionsService } from './sessions.service';

/** The user's other sessions: how many there are, and signing them all out at once. */
@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  private readonly logger = new Logger(SessionsController.name);

  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'How many other live sessions the user has.' })
  async others(@CurrentSession() session: SessionContext): Promise<OtherSessionsView> {
    return { otherSessions: await this.sessions.countOthers(session) };
  }

  @Post('end-others')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Every other session of the user is signed out; this one stays.' })
  async endOthers(
    @CurrentSession() session: SessionContext,
    @Req() req: SessionRequest,
  ): Promise<EndOtherSessionsResponse> {
    const ended = await this.sessions.endOthers(session);
    this.logger.log(
      `User ${session.userId} signed out ${ended} other session(s) from ${clientIp(req)}`,
    );
    return { ended };
  }
}
