import { AppConfig } from '@twofold/api/core';
import { AuthFailure, Session } from '@twofold/api/auth';
import { User } from '@twofold/api/users';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { TypeOrmLogger } from './typeorm-logger';

/** The entities of every library. Feature modules register theirs through `forFeature` too. */
export const ENTITIES = [User, Session, AuthFailure];

/**
 * TypeORM options for `DATABASE_URL`. The schema comes only from the migrations, which run at
 * start; `synchronize` stays off so that no instance alters tables on its own.
 */
export function dataSourceOptions(
  config: AppConfig,
  entities: DataSourceOptions['entities'] = ENTITIES,
): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTableName: 'migrations',
    synchronize: false,
    logger: new TypeOrmLogger(),
  };

  if (config.database.type === 'sqlite') {
    const database = resolveSqlitePath(config.database.path);
    if (database !== ':memory:') {
      mkdirSync(dirname(database), { recursive: true });
    }
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      // WAL lets several processes (an app and the user CLI, or test apps) share the file.
      enableWAL: database !== ':memory:',
      timeout: 10_000,
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: config.database.url,
    // Dates are written and read as UTC, whatever the server's time zone.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  };
}

function resolveSqlitePath(path: string): string {
  return path === ':memory:' ? path : resolve(process.cwd(), path);
}
