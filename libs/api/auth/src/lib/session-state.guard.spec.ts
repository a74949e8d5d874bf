import { Controller, ExecutionContext, Get, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@twofold/api/core';
import { ApiErrorCode, SessionState } from '@twofold/shared/contracts';
import { SessionContext } from './session-context';
import { SessionStateGuard } from './session-state.guard';
import { AllowSessionStates, Authenticated, PublicRoute } from './session-states.decorator';
import { SessionsService } from './sessions.service';

@Controller()
class RoutesController {
  @Get() @PublicRoute() health(): string {
    return 'health';
  }
  @Get() @Authenticated() account(): string {
    return 'account';
  }
  @Get() @AllowSessionStates(SessionState.PendingMfa) verify(): string {
    return 'verify';
  }
  @Get() undeclared(): string {
    return 'undeclared';
  }
}

@Authenticated()
@Controller()
class AuthenticatedController {
  @Get() everything(): string {
    return 'everything';
  }
}

type Route = keyof RoutesController;

function session(state: SessionState): SessionContext {
  return {
    id: 'session-1',
    userId: 'user-1',
    state,
    createdAt: new Date(),
    expiresAt: new Date(),
  };
}

function contextFor(
  handler: () => void,
  controller: new () => object = RoutesController,
): ExecutionContext {
  const req = { method: 'GET', path: '/api/x', ip: '203.0.113.7' };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe(SessionStateGuard.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  function guardWith(current: SessionContext | null): SessionStateGuard {
    const sessions = { resolve: async () => current } as unknown as SessionsService;
    return new SessionStateGuard(new Reflector(), sessions);
  }

  function route(name: Route): ExecutionContext {
    return contextFor(RoutesController.prototype[name]);
  }

  async function denial(guard: SessionStateGuard, context: ExecutionContext): Promise<DomainError> {
    try {
      await guard.canActivate(context);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected the guard to deny');
  }

  it('lets anyone reach a public route', async () => {
    await expect(guardWith(null).canActivate(route('health'))).resolves.toBe(true);
  });

  it('answers 401 unauthenticated without a session', async () => {
    const error = await denial(guardWith(null), route('account'));

    expect(error.status).toBe(401);
    expect(error.code).toBe(ApiErrorCode.Unauthenticated);
  });

  it('admits a session in a state the route declares', async () => {
    const sut = guardWith(session(SessionState.Authenticated));

    await expect(sut.canActivate(route('account'))).resolves.toBe(true);
  });

  it('answers 403 wrong_session_state to a pending-mfa session on a signed-in route', async () => {
    const error = await denial(guardWith(session(SessionState.PendingMfa)), route('account'));

    expect(error.status).toBe(403);
    expect(error.code).toBe(ApiErrorCode.WrongSessionState);
  });

  it('keeps a signed-in session out of the pending-mfa routes', async () => {
    const error = await denial(guardWith(session(SessionState.Authenticated)), route('verify'));

    expect(error.code).toBe(ApiErrorCode.WrongSessionState);
  });

  it('denies a route that declares nothing, whatever the session', async () => {
    for (const state of Object.values(SessionState)) {
      const error = await denial(guardWith(session(state)), route('undeclared'));
      expect(error.code).toBe(ApiErrorCode.WrongSessionState);
    }
    expect((await denial(guardWith(null), route('undeclared'))).code).toBe(
      ApiErrorCode.Unauthenticated,
    );
  });

  it('reads the states declared on the controller', async () => {
    const context = contextFor(
      AuthenticatedController.prototype.everything,
      AuthenticatedController,
    );

    await expect(guardWith(session(SessionState.Authenticated)).canActivate(context)).resolves.toBe(
      true,
    );
    expect((await denial(guardWith(session(SessionState.PendingMfa)), context)).code).toBe(
      ApiErrorCode.WrongSessionState,
    );
  });
});
