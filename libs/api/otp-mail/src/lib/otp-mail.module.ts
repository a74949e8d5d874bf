import {
  DynamicModule,
  InjectionToken,
  Module,
  ModuleMetadata,
  OptionalFactoryDependency,
} from '@nestjs/common';
import { MailerModule, MailerOptions } from '@nestjs-modules/mailer';
import { MailService } from './mail.service';
import { OTP_MAIL_OPTIONS, OtpMailOptions } from './otp-mail.options';

export interface OtpMailModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory(...args: never[]): OtpMailOptions | Promise<OtpMailOptions>;
}

@Module({})
class OtpMailOptionsModule {}

/**
 * Mail delivery over SMTP through `@nestjs-modules/mailer`. Global, so that every feature module
 * can inject `MailService` once the app has configured it.
 */
@Module({})
export class OtpMailModule {
  static forRoot(options: OtpMailOptions): DynamicModule {
    return OtpMailModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: OtpMailModuleAsyncOptions): DynamicModule {
    const optionsModule: DynamicModule = {
      module: OtpMailOptionsModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: OTP_MAIL_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
      ],
      exports: [OTP_MAIL_OPTIONS],
    };

    return {
      module: OtpMailModule,
      global: true,
      imports: [
        optionsModule,
        MailerModule.forRootAsync({
          imports: [optionsModule],
          inject: [OTP_MAIL_OPTIONS],
          useFactory: (mail: OtpMailOptions) => mailerOptions(mail),
        }),
      ],
      providers: [MailService],
      exports: [MailService, optionsModule],
    };
  }
}

function mailerOptions(mail: OtpMailOptions): MailerOptions {
  return {
    // Short timeouts so that a dead mail server turns into a quick 503, not a hanging request.
    transport: {
      url: mail.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    },
    sendTimeout: 30_000,
  };
}
