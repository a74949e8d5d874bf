/** What an emailed one-time password may be used for; a code works only for its own purpose. */
export enum EmailOtpPurpose {
  SignIn = 'sign-in',
  EnableEmail = 'enable-email',
  DisableEmail = 'disable-email',
  EnableTotp = 'enable-totp',
  DisableTotp = 'disable-totp',
}

/** Body of the routes that send an emailed code. */
export interface EmailOtpSendRequest {
  readonly purpose: EmailOtpPurpose;
}

/** Answer to a sent code: where it went (masked) and when the next one may be asked for. */
export interface EmailOtpSentResponse {
  /** The address, masked for display, e.g. `a•••e@example.com`. */
  readonly sentTo: string;
  readonly expiresAt: string;
  /** When `Request One Time Password` may be pressed again (the resend cooldown). */
  readonly resendAvailableAt: string;
}

/** Body of every route that checks a code. */
export interface OtpCodeRequest {
  readonly code: string;
}
