import { Controller, Get, HttpStatus, Logger, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { PublicRoute } from '@twofold/api/auth';
import { MailService } from '@twofold/api/otp-mail';
import { HealthView } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly mail?: MailService,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOkResponse({ description: 'Every dependency is up.' })
  @ApiServiceUnavailableResponse({ description: 'The database or the mail server is down.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const [database, mail] = await Promise.all([this.databaseHealth(), this.mailHealth()]);
    const status = database === 'up' && mail === 'up' ? 'ok' : 'degraded';
    res.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, database, mail };
  }

  private async databaseHealth(): Promise<'up' | 'down'> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return 'up';
    } catch (error) {
      this.logger.warn(`Database health check failed: ${(error as Error).message}`);
      return 'down';
    }
  }

  private mailHealth(): Promise<'up' | 'down'> {
    return this.mail ? this.mail.mailHealth() : Promise.resolve('down');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
