import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { clientIp, DomainError } from '@twofold/api/core';
import { ApiErrorCode, SessionState } from '@twofold/shared/contracts';
import type { SessionRequest } from './session-request';
import { PUBLIC_ROUTE_KEY, SESSION_STATES_KEY } from './session-states.decorator';
import { SessionsService } from './sessions.service';

/**
 * The one guard in front of every route, deny by default: a route is reachable only with
 * `@PublicRoute()` or with a session in one of the states it declares.
 */
@Injectable()
export class SessionStateGuard implements CanActivate {
  private readonly logger = new Logger(SessionStateGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, targets)) {
      return true;
    }

    const req = context.switchToHttp().getRequest<SessionRequest>();
    const session = await this.sessions.resolve(req);
    if (!session) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        ApiErrorCode.Unauthenticated,
        'Please sign in.',
      );
    }

    const states = this.reflector.getAllAndOverride<SessionState[] | undefined>(
      SESSION_STATES_KEY,
      targets,
    );
    if (!states?.includes(session.state)) {
      this.logger.warn(
        `Denied ${req.method} ${req.path} to user ${session.userId} in state ${session.state} (ip ${clientIp(req)})`,
      );
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        ApiErrorCode.WrongSessionState,
        session.state === SessionState.PendingMfa
          ? 'Please finish signing in with your second factor first.'
          : 'This is not available in your current session.',
      );
    }
    return true;
  }
}
