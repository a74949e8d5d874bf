import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { Clock } from './clock';

export interface ApiCoreModuleOptions {
  readonly config: AppConfig;
  /** Replaces the real clock, for tests that move time. */
  readonly clock?: Clock;
}

/** Provides the validated `AppConfig` and the `Clock` to every module. */
@Global()
@Module({})
export class ApiCoreModule {
  static forRoot(options: ApiCoreModuleOptions): DynamicModule {
    return {
      module: ApiCoreModule,
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new Clock() },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
