export * from './lib/mail-catcher/embedded-mail-catcher';
export * from './lib/mail-unavailable.error';
export * from './lib/mail.service';
export * from './lib/otp-mail.module';
export * from './lib/otp-mail.options';
export * from './lib/templates/mail-templates';
