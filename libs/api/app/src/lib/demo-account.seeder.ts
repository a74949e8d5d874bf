import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, DomainError } from '@twofold/api/core';
import { UsersService } from '@twofold/api/users';
import { randomBytes } from 'node:crypto';

export const DEMO_USERNAME = 'demo';
export const DEMO_EMAIL = 'demo@twofold.localhost';

export interface DemoCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Creates the demo account on the first start (`SEED_DEMO_USER`), with a random password that
 * only this process knows; `main.ts` prints it once. Later starts find the account and do nothing.
 */
@Injectable()
export class DemoAccountSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoAccountSeeder.name);
  private created: DemoCredentials | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoUser || (await this.users.findByUsername(DEMO_USERNAME))) {
      return;
    }
    const password = randomBytes(15).toString('base64url');
    try {
      await this.users.create({ username: DEMO_USERNAME, email: DEMO_EMAIL, password });
    } catch (error) {
      // Another instance sharing the database created it first.
      if (error instanceof DomainError) {
        return;
      }
      throw error;
    }
    this.created = { username: DEMO_USERNAME, password };
    this.logger.log(`Demo account "${DEMO_USERNAME}" created`);
  }

  /** The demo credentials if this process created the account, once; null afterwards. */
  takeCreatedCredentials(): DemoCredentials | null {
    const created = this.created;
    this.created = null;
    return created;
  }
}
