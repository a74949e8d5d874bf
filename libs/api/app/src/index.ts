export * from './lib/api-app.module';
export * from './lib/create-app';
export * from './lib/create-user.command';
export * from './lib/database';
export * from './lib/demo-account.seeder';
export * from './lib/mail-catcher.provider';
export * from './lib/migrations';
