import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiAuthModule } from '@twofold/api/auth';
import { ApiCoreModule, AppConfig, Clock } from '@twofold/api/core';
import { MfaModule } from '@twofold/api/mfa';
import { OtpMailModule } from '@twofold/api/otp-mail';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataSourceOptions } from './database';
import { DemoAccountSeeder } from './demo-account.seeder';
import { HealthController } from './health.controller';
import {
  EMBEDDED_MAIL_CATCHER,
  embeddedMailCatcherProvider,
  MailCatcherHost,
  RunningMailCatcher,
} from './mail-catcher.provider';
import { PublicConfigController } from './public-config.controller';

export interface ApiAppModuleOptions {
  readonly config: AppConfig;
  readonly clock?: Clock;
}

/** Where `nx run web:build` puts the SPA, relative to the working directory. */
export const SPA_ROOT = join('dist', 'apps', 'web', 'browser');

@Module({
  providers: [embeddedMailCatcherProvider, MailCatcherHost],
  exports: [EMBEDDED_MAIL_CATCHER, MailCatcherHost],
})
class MailCatcherModule {}

/** The composition root: every library of the API, wired to one validated configuration. */
@Module({})
export class ApiAppModule {
  static forRoot(options: ApiAppModuleOptions): DynamicModule {
    const { config } = options;
    const spaRoot = join(process.cwd(), SPA_ROOT);
    const serveSpa = config.serveSpa && existsSync(join(spaRoot, 'index.html'));

    return {
      module: ApiAppModule,
      imports: [
        ApiCoreModule.forRoot(options),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), autoLoadEntities: true }),
        MailCatcherModule,
        OtpMailModule.forRootAsync({
          imports: [MailCatcherModule],
          inject: [AppConfig, EMBEDDED_MAIL_CATCHER],
          useFactory: (appConfig: AppConfig, catcher: RunningMailCatcher | null) => ({
            smtpUrl: catcher?.addresses.smtpUrl ?? appConfig.smtpUrl ?? '',
            from: appConfig.mailFrom,
            appName: appConfig.appName,
            appUrl: appConfig.appUrl,
            supportEmail: appConfig.supportEmail,
          }),
        }),
        ApiAuthModule,
        MfaModule,
        ...(serveSpa
          ? [
              ServeStaticModule.forRoot({
                rootPath: spaRoot,
                exclude: ['/api', '/api/{*path}'],
                serveStaticOptions: { index: 'index.html', fallthrough: true },
              }),
            ]
          : []),
      ],
      controllers: [HealthController, PublicConfigController],
      providers: [DemoAccountSeeder],
    };
  }
}
