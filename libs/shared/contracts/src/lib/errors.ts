/**
 * Every 4xx/5xx answer of the API has this shape. `code` is stable and machine-readable;
 * `message` is short, safe to show to the user, and says what to do.
 */
export interface ApiErrorBody {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly message: string;
  /** Per-field messages for validation failures. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Seconds until the request may be retried (cooldowns, rate limits). */
  readonly retryAfterSeconds?: number;
}

export enum ApiErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidCredentials = 'invalid_credentials',
  UsernameTaken = 'username_taken',
  EmailTaken = 'email_taken',
  Unauthenticated = 'unauthenticated',
  /** The session exists but its state does not allow this route (e.g. pending-mfa). */
  WrongSessionState = 'wrong_session_state',
  Forbidden = 'forbidden',
  CsrfFailed = 'csrf_failed',
  CodeInvalid = 'code_invalid',
  CodeExpired = 'code_expired',
  /** No live code: never sent, superseded, used or killed by too many wrong tries. */
  CodeNotFound = 'code_not_found',
  TooManyAttempts = 'too_many_attempts',
  ResendCooldown = 'resend_cooldown',
  MfaAlreadyEnabled = 'mfa_already_enabled',
  MfaNotEnabled = 'mfa_not_enabled',
  MailUnavailable = 'mail_unavailable',
  NotFound = 'not_found',
  Internal = 'internal',
}
