import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { clientIp } from '@twofold/api/core';
import { User, UsersService } from '@twofold/api/users';
import { AccountView, SessionState, SessionView } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { AccountViewsService } from './account-views.service';
import { CurrentSession, OptionalSession } from './current-session.decorator';
import { SignInDto, SignUpDto } from './dto';
import { LocalAuthGuard } from './local-auth.guard';
import { SecondFactorPolicy } from './second-factor.policy';
import { SessionContext } from './session-context';
import type { SessionRequest } from './session-request';
import { AllowSessionStates, PublicRoute } from './session-states.decorator';
import { SessionsService } from './sessions.service';

type SignedInRequest = SessionRequest & { user: User };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly secondFactors: SecondFactorPolicy,
    private readonly views: AccountViewsService,
  ) {}

  @Get('session')
  @PublicRoute()
  @ApiOkResponse({ description: 'The current session, or `{ state: "anonymous" }`.' })
  session(@OptionalSession() session: SessionContext | null): Promise<SessionView> {
    return this.views.sessionView(session);
  }

  @Post('signup')
  @PublicRoute()
  async signUp(
    @Body() body: SignUpDto,
    @OptionalSession() previous: SessionContext | null,
    @Req() req: SessionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccountView> {
    const user = await this.users.create(body);
    if (previous) {
      await this.sessions.revoke(req, res, previous);
    }
    await this.sessions.create(req, res, user.id, SessionState.Authenticated);
    this.logger.log(`User ${user.id} signed up from ${clientIp(req)}`);
    return this.views.accountView(user);
  }

  @Post('login')
  @PublicRoute()
  @UseGuards(LocalAuthGuard)
  @HttpCode(HttpStatus.OK)
  async signIn(
    // Validated again by the global pipe for the OpenAPI description; passport read it already.
    @Body() _body: SignInDto,
    @OptionalSession() previous: SessionContext | null,
    @Req() req: SignedInRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    const user = req.user;
    const methods = await this.secondFactors.enabledMethods(user.id);
    // TODO(issue mandatory-2fa): after MFA_ENFORCEMENT_DATE a user without 2FA goes to
    // pending-enrollment instead of authenticated; remove this mark when that issue lands.
    const state = methods.length > 0 ? SessionState.PendingMfa : SessionState.Authenticated;

    // A new session id after the password, whatever session the browser had before.
    if (previous) {
      await this.sessions.revoke(req, res, previous);
    }
    const session = await this.sessions.create(req, res, user.id, state);
    this.logger.log(`User ${user.id} passed the password from ${clientIp(req)}: ${state}`);
    return this.views.sessionView(session);
  }

  @Post('logout')
  @AllowSessionStates(
    SessionState.PendingMfa,
    SessionState.PendingEnrollment,
    SessionState.Authenticated,
  )
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async signOut(
    @CurrentSession() session: SessionContext,
    @Req() req: SessionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.sessions.revoke(req, res, session);
    this.logger.log(`User ${session.userId} signed out from ${clientIp(req)}`);
  }
}
