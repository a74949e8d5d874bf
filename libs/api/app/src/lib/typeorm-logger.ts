import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerContract } from 'typeorm';

/**
 * TypeORM's logging through Nest's logger, never with a query's parameters: those are password
 * hashes, emails and code HMACs. TypeORM's own loggers print them to the console with every failed
 * query, and a failed INSERT is routine when two sign-ups race for one name. A query error that
 * matters reaches the exception filter anyway, which logs it as a 500.
 */
export class TypeOrmLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // Queries are not logged, not even at verbose level.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`Query failed (${driverCode(error)}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') {
      this.logger.warn(String(message));
    } else {
      this.logger.debug(String(message));
    }
  }
}

/**
 * The driver's error code (`ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`), not its message, which
 * may quote values.
 */
function driverCode(error: string | Error): string {
  const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'no code';
}
