import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ApiErrorCode } from '@twofold/shared/contracts';
import type { Request, Response } from 'express';
import { sendApiError } from './api-error-response';
import { DomainError } from './domain-error';

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ApiErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ApiErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ApiErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ApiErrorCode.NotFound,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ApiErrorCode.ValidationFailed,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ApiErrorCode.ValidationFailed,
  [HttpStatus.TOO_MANY_REQUESTS]: ApiErrorCode.TooManyAttempts,
  [HttpStatus.SERVICE_UNAVAILABLE]: ApiErrorCode.MailUnavailable,
};

const MESSAGE_BY_CODE: Partial<Record<ApiErrorCode, string>> = {
  [ApiErrorCode.ValidationFailed]: 'The request is not valid.',
  [ApiErrorCode.Unauthenticated]: 'Please sign in.',
  [ApiErrorCode.Forbidden]: 'You are not allowed to do this.',
  [ApiErrorCode.NotFound]: 'There is nothing here.',
  [ApiErrorCode.TooManyAttempts]: 'Too many attempts. Please wait and try again.',
};

/**
 * The one place where errors become HTTP answers. Domain errors keep their code and message;
 * Nest's own exceptions get the matching code and a generic message; anything else is a bug,
 * logged here and answered with a bare 500 so that no internal detail leaves the server.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();

    if (res.headersSent) {
      this.logger.error(
        `Error after the response started: ${req.method} ${req.path}`,
        stack(exception),
      );
      return;
    }
    sendApiError(res, this.toDomainError(exception, req));
  }

  private toDomainError(exception: unknown, req: Request): DomainError {
    if (exception instanceof DomainError) {
      return exception;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? ApiErrorCode.ValidationFailed;
      const message = MESSAGE_BY_CODE[code] ?? 'The request could not be processed.';
      return new DomainError(status, code, message);
    }
    this.logger.error(`Unhandled error on ${req.method} ${req.path}`, stack(exception));
    return new DomainError(
      HttpStatus.INTERNAL_SERVER_ERROR,
      ApiErrorCode.Internal,
      'Something went wrong on our side. Please try again later.',
    );
  }
}

function stack(exception: unknown): string {
  if (!(exception instanceof Error)) {
    return String(exception);
  }
  const failedQuery = queryOf(exception);
  if (failedQuery === null) {
    return exception.stack ?? exception.message;
  }
  // A database driver's message quotes the values it refused (MySQL: "Duplicate entry
  // 'ada@example.com'"): log the driver's code, the SQL with its placeholders and the frames.
  const frames = (exception.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${exception.name} (${failedQuery.code}): ${failedQuery.query}`, ...frames].join('\n');
}

/** The SQL and driver code of a TypeORM `QueryFailedError`, told apart by its shape. */
function queryOf(error: Error): { query: string; code: string } | null {
  const { query, driverError } = error as { query?: unknown; driverError?: unknown };
  if (typeof query !== 'string' || typeof driverError !== 'object' || driverError === null) {
    return null;
  }
  const { code } = driverError as { code?: unknown };
  return { query, code: typeof code === 'string' ? code : 'no code' };
}
