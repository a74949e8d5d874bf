export * from './lib/api-otp-mail.module';
