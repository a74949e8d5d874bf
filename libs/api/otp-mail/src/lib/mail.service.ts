import { Inject, Injectable, Logger } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { MailUnavailableError } from './mail-unavailable.error';
import { OTP_MAIL_OPTIONS, OtpMailOptions } from './otp-mail.options';
import {
  OtpMailContent,
  RenderedMail,
  SecurityNoticeContent,
  renderOtpMail,
  renderSecurityNotice,
} from './templates/mail-templates';

export interface MailRecipient {
  /** Only for the logs: a failure is logged with the user id, never with the address or code. */
  readonly userId: string;
  readonly to: string;
}

export type OtpMailRequest = MailRecipient & OtpMailContent;

export type SecurityNoticeRequest = MailRecipient &
  Omit<SecurityNoticeContent, 'occurredAt'> & { readonly occurredAt?: Date };

const HEALTH_TIMEOUT_MS = 3000;

@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly mailer: MailerService,
    @Inject(OTP_MAIL_OPTIONS) private readonly options: OtpMailOptions,
  ) {}

  /** Sends a one-time password. Throws `MailUnavailableError` when the server does not take it. */
  async sendOtp(request: OtpMailRequest): Promise<void> {
    try {
      await this.deliver(request.to, renderOtpMail(this.options, request));
    } catch (error) {
      const reason = describeSmtpError(error);
      this.logger.error(
        `Could not send the ${request.purpose} code mail to user ${request.userId}: ${reason}`,
      );
      throw new MailUnavailableError(reason);
    }
  }

  /**
   * Tells the owner about a change to their second factors. Throws `MailUnavailableError`; the
   * caller decides how bad a lost notice is, so nothing is logged here.
   */
  async sendSecurityNotice(request: SecurityNoticeRequest): Promise<void> {
    const content = { ...request, occurredAt: request.occurredAt ?? new Date() };
    try {
      await this.deliver(request.to, renderSecurityNotice(this.options, content));
    } catch (error) {
      throw new MailUnavailableError(describeSmtpError(error));
    }
  }

  /** Whether the mail server answers, for `/api/health`; never takes longer than a few seconds. */
  async mailHealth(): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
    });
    try {
      const verified = await Promise.race([
        this.mailer
          .getTransporter()
          .verify()
          .then(() => true),
        timeout,
      ]);
      return verified ? 'up' : 'down';
    } catch (error) {
      this.logger.warn(`Mail server health check failed: ${describeSmtpError(error)}`);
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  private async deliver(to: string, mail: RenderedMail): Promise<void> {
    await this.mailer.sendMail({
      to,
      from: this.options.from,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
  }
}

/** The reason an SMTP send failed, from nodemailer's error fields; never the message content. */
export function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const details = error as Error & { code?: unknown; responseCode?: unknown };
  const parts = [details.code, details.responseCode, error.message].filter(
    (part) => part !== undefined && part !== '',
  );
  return parts.map(String).join(' ');
}
