import type { MailBranding } from './templates/mail-templates';

export interface OtpMailOptions extends MailBranding {
  /** `smtp://` or `smtps://` URL of the server that delivers the mail (`SMTP_URL`). */
  readonly smtpUrl: string;
  /** The sender, e.g. `Twofold <no-reply@twofold.localhost>` (`MAIL_FROM`). */
  readonly from: string;
}

export const OTP_MAIL_OPTIONS = Symbol('OTP_MAIL_OPTIONS');

/** The SMTP URL of the embedded mail catcher, for the embedded mode without `SMTP_URL`. */
export function mailCatcherSmtpUrl(smtpPort: number, host = '127.0.0.1'): string {
  return `smtp://${host}:${smtpPort}`;
}
