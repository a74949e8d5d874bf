import { Logger } from '@nestjs/common';
import { createApp, DemoAccountSeeder, MailCatcherHost } from '@twofold/api/app';
import { AppConfig, ConfigError } from '@twofold/api/core';

async function bootstrap(): Promise<void> {
  const app = await createApp(process.env);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.port);

  const logger = new Logger('Twofold');
  logger.log(`${config.appName} is running at ${config.appUrl}`);
  logger.log(`API documentation: ${config.appUrl}/api/docs`);

  const inbox = app.get(MailCatcherHost).inboxUrl;
  if (inbox) {
    logger.log(`Embedded mail catcher (read the mails here): ${inbox}`);
  }
  const demo = app.get(DemoAccountSeeder).takeCreatedCredentials();
  if (demo) {
    // Printed once, on the start that created the account; it is never stored in clear anywhere.
    logger.log(`Demo account created: username "${demo.username}", password "${demo.password}"`);
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
