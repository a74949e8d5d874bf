import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { AppConfig } from '@twofold/api/core';
import { EmbeddedMailCatcher, MailCatcherAddresses } from '@twofold/api/otp-mail';

export const EMBEDDED_MAIL_CATCHER = Symbol('EMBEDDED_MAIL_CATCHER');

export interface RunningMailCatcher {
  readonly catcher: EmbeddedMailCatcher;
  readonly addresses: MailCatcherAddresses;
}

/** Starts the embedded mail catcher when no `SMTP_URL` is set (never in production). */
export const embeddedMailCatcherProvider: Provider = {
  provide: EMBEDDED_MAIL_CATCHER,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<RunningMailCatcher | null> => {
    if (!config.embeddedMail) {
      return null;
    }
    const catcher = new EmbeddedMailCatcher({
      smtpPort: config.mailCatcherSmtpPort,
      webPort: config.mailCatcherWebPort,
    });
    return { catcher, addresses: await catcher.start() };
  },
};

/** Stops the catcher with the app, and tells `main.ts` where its inbox is. */
@Injectable()
export class MailCatcherHost implements OnApplicationShutdown {
  private readonly logger = new Logger(MailCatcherHost.name);

  constructor(@Inject(EMBEDDED_MAIL_CATCHER) private readonly running: RunningMailCatcher | null) {}

  /** The inbox a person opens to read the mails, or null when a real SMTP server is used. */
  get inboxUrl(): string | null {
    return this.running?.addresses.webUrl ?? null;
  }

  get catcher(): EmbeddedMailCatcher | null {
    return this.running?.catcher ?? null;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.running) {
      await this.running.catcher.stop();
      this.logger.log('Embedded mail catcher stopped');
    }
  }
}
