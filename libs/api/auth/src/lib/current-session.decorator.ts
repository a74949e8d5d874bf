import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { DomainError } from '@twofold/api/core';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { SESSION_REQUEST_KEY, SessionContext } from './session-context';
import type { SessionRequest } from './session-request';

/**
 * The session the guard admitted. Only for routes that require a session; on a public route
 * use `@OptionalSession()`.
 */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionContext => {
    const session = context.switchToHttp().getRequest<SessionRequest>()[SESSION_REQUEST_KEY];
    if (!session) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        ApiErrorCode.Unauthenticated,
        'Please sign in.',
      );
    }
    return session;
  },
);

/** The request's session if it has one, else null. */
export const OptionalSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionContext | null =>
    context.switchToHttp().getRequest<SessionRequest>()[SESSION_REQUEST_KEY] ?? null,
);
