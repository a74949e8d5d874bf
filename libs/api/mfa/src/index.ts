export * from './lib/api-mfa.module';
