export * from './lib/api-users.module';
