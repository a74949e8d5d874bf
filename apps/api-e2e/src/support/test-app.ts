import type { INestApplication } from '@nestjs/common';
import { createApp } from '@twofold/api/app';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { Browser } from './browser';
import { MailCapture } from './mail-capture';
import type { RecordingLogger } from './recording-logger';
import { TestClock } from './test-clock';
import { createTestDatabase, type TestDatabase } from './test-database';

export const APP_URL = 'http://localhost:3000';

export interface TestAppOptions {
  /** Receives every log line at every level; without it the app logs nothing. */
  readonly logger?: RecordingLogger;
  readonly env?: Readonly<Record<string, string>>;
}

/** What a response let an observer see, kept for the "never in a response" checks. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/**
 * The real API, in process: its own database, a real SMTP server that records the mail and a
 * clock the test moves. One per test file.
 */
export class TestApp {
  readonly responses: ObservedResponse[] = [];

  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly clock: TestClock,
    readonly mail: MailCapture,
    readonly database: TestDatabase,
  ) {}

  static async start(name: string, options: TestAppOptions = {}): Promise<TestApp> {
    const mail = new MailCapture();
    await mail.start();
    const database = await createTestDatabase(name);
    const clock = new TestClock();

    try {
      const app = await createApp(
        {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: database.url,
          SMTP_URL: mail.url,
          SESSION_SECRET: randomBytes(32).toString('base64url'),
          APP_URL,
          SERVE_SPA: 'false',
          SEED_DEMO_USER: 'false',
          LOG_LEVEL: 'verbose',
          ...options.env,
        },
        { clock, logger: options.logger ?? false },
      );
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      return new TestApp(app, `http://127.0.0.1:${port}`, clock, mail, database);
    } catch (error) {
      await mail.stop();
      await database.drop();
      throw error;
    }
  }

  /** A new browser with no cookies yet. */
  browser(): Browser {
    return new Browser(this.baseUrl, (response) => this.record(response));
  }

  /** A browser that has loaded the SPA once, so it holds an `XSRF-TOKEN`. */
  async openBrowser(): Promise<Browser> {
    const browser = this.browser();
    await browser.open();
    return browser;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.mail.stop();
    await this.database.drop();
  }

  private record(response: Response): void {
    this.responses.push({
      status: response.status,
      headers: JSON.stringify(response.headers),
      body: response.text ?? '',
    });
  }
}
