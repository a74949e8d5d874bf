import { HttpStatus } from '@nestjs/common';
import { ApiErrorCode } from '@twofold/shared/contracts';

export interface DomainErrorOptions {
  readonly retryAfterSeconds?: number;
  readonly fields?: Readonly<Record<string, readonly string[]>>;
}

/**
 * An expected failure that the user caused and can act on. Services throw it; one exception
 * filter maps it to an `ApiErrorBody`. The message is shown to the user as it is, so it must
 * never carry a code, a secret or an internal detail.
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ApiErrorCode,
    message: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
