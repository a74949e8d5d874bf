import { HttpStatus, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { AppConfig, clientIp, DomainError, sendApiError } from '@twofold/api/core';
import { ApiErrorCode, XSRF_COOKIE, XSRF_HEADER } from '@twofold/shared/contracts';
import type { NextFunction, Response } from 'express';
import { CsrfService } from './csrf.service';
import type { SessionRequest } from './session-request';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every API route and every SPA page: looks up the session once, refuses unsafe
 * requests without a matching CSRF header or from a foreign origin, and hands out a CSRF cookie
 * to any response that lacks a valid one. It is mounted on Express directly (see `createApp`),
 * so that index.html gets the cookie too, and therefore answers errors itself.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware<SessionRequest, Response> {
  private readonly logger = new Logger(SessionMiddleware.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
  ) {}

  async use(req: SessionRequest, res: Response, next: NextFunction): Promise<void> {
    try {
      const session = await this.sessions.resolve(req);
      const sessionId = session?.id ?? null;
      const cookieToken: unknown = req.cookies?.[XSRF_COOKIE];
      const cookieValid =
        typeof cookieToken === 'string' && this.csrf.isValid(cookieToken, sessionId);
      if (!cookieValid) {
        this.csrf.issue(res, sessionId);
      }

      if (!SAFE_METHODS.has(req.method) && !this.isSameOriginWithToken(req, cookieValid)) {
        this.logger.warn(
          `CSRF check failed: ${req.method} ${req.path} (user ${session?.userId ?? 'none'}, ip ${clientIp(req)})`,
        );
        sendApiError(
          res,
          new DomainError(
            HttpStatus.FORBIDDEN,
            ApiErrorCode.CsrfFailed,
            'Your session token is missing or out of date. Please reload the page and try again.',
          ),
        );
        return;
      }
      next();
    } catch (error) {
      this.logger.error(
        `Session lookup failed: ${req.method} ${req.path}`,
        error instanceof Error ? error.stack : String(error),
      );
      sendApiError(
        res,
        new DomainError(
          HttpStatus.INTERNAL_SERVER_ERROR,
          ApiErrorCode.Internal,
          'Something went wrong on our side. Please try again later.',
        ),
      );
    }
  }

  private isSameOriginWithToken(req: SessionRequest, cookieValid: boolean): boolean {
    const origin = req.get('Origin');
    if (origin !== undefined && origin !== this.config.appOrigin) {
      return false;
    }
    const header = req.get(XSRF_HEADER);
    return cookieValid && header !== undefined && header === req.cookies?.[XSRF_COOKIE];
  }
}
