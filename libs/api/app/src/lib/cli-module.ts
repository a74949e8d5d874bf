import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiCoreModule, AppConfig } from '@twofold/api/core';
import { ApiUsersModule } from '@twofold/api/users';
import { dataSourceOptions } from './database';

/** Just enough of the app for shell commands: config, the database (migrated) and users. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ApiCoreModule.forRoot({ config }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), autoLoadEntities: true }),
        ApiUsersModule,
      ],
    };
  }
}
