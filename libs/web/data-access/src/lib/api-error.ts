import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, ApiErrorCode } from '@twofold/shared/contracts';

export const OFFLINE_MESSAGE = "Can't reach Twofold. Check your connection and try again.";
export const UNEXPECTED_MESSAGE = 'Something went wrong on our side. Please try again.';
export const SESSION_EXPIRED_MESSAGE = 'Your sign-in expired. Please sign in again.';

/** A failed API call, reduced to what a page shows the user. */
export interface ApiProblem {
  readonly status: number;
  readonly code: ApiErrorCode | null;
  readonly message: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
  readonly retryAfterSeconds: number | null;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }

  const body = value as Partial<ApiErrorBody>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

/**
 * Maps any error of an API call to a user-facing problem. The API's `message` is written to be
 * shown as is; anything else (network down, a proxy's HTML page) gets a generic sentence.
 */
export function toApiProblem(error: unknown): ApiProblem {
  if (!(error instanceof HttpErrorResponse)) {
    return {
      status: -1,
      code: null,
      message: UNEXPECTED_MESSAGE,
      fields: {},
      retryAfterSeconds: null,
    };
  }

  if (error.status === 0) {
    return { status: 0, code: null, message: OFFLINE_MESSAGE, fields: {}, retryAfterSeconds: null };
  }

  const body: unknown = error.error;
  if (!isApiErrorBody(body)) {
    return {
      status: error.status,
      code: null,
      message: UNEXPECTED_MESSAGE,
      fields: {},
      retryAfterSeconds: null,
    };
  }

  return {
    status: error.status,
    code: body.code,
    message: body.message,
    fields: body.fields ?? {},
    retryAfterSeconds: body.retryAfterSeconds ?? null,
  };
}

/** The first message the API gave for a form field, or null. */
export function fieldError(problem: ApiProblem | null, field: string): string | null {
  return problem?.fields[field]?.[0] ?? null;
}
