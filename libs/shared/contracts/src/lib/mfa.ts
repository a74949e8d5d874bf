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

/**
 * `POST /api/two-factor/totp/setup` (with an emailed code of purpose enable-totp): a new pending
 * authenticator secret. It works only after `POST /api/two-factor/totp/activate` with a code
 * from the app, and only until `expiresAt`.
 */
export interface TotpSetupResponse {
  /** Base32 without padding, for typing into the app by hand. */
  readonly secret: string;
  /** `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER`, the QR code's content. */
  readonly keyUri: string;
  /** The QR code as a `data:image/png;base64,…` URL, made on the server. */
  readonly qrCodeDataUrl: string;
  readonly expiresAt: string;
}

/** How a user proves presence when turning the authenticator app off. */
export enum TotpDisableProof {
  Totp = 'totp',
  Email = 'email',
}

/** `POST /api/two-factor/totp/disable` */
export interface TotpDisableRequest {
  readonly code: string;
  /** `totp`: a current code from the app; `email`: a fresh code of purpose disable-totp. */
  readonly proof: TotpDisableProof;
}
