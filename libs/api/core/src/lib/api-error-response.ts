import { ApiErrorBody } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { DomainError } from './domain-error';

/** The body a `DomainError` becomes on the wire. */
export function toApiErrorBody(error: DomainError): ApiErrorBody {
  return {
    statusCode: error.status,
    code: error.code,
    message: error.message,
    ...(error.options.fields && { fields: error.options.fields }),
    ...(error.options.retryAfterSeconds !== undefined && {
      retryAfterSeconds: error.options.retryAfterSeconds,
    }),
  };
}

/**
 * Writes a `DomainError` as an `ApiErrorBody`. Shared by the exception filter and by the Express
 * middleware that runs outside Nest's exception handling (CSRF on every path).
 */
export function sendApiError(res: Response, error: DomainError): void {
  if (error.options.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(Math.max(0, Math.ceil(error.options.retryAfterSeconds))));
  }
  res.status(error.status).json(toApiErrorBody(error));
}
