export * from './lib/alert.component';
export * from './lib/otp-code-field.component';
export * from './lib/otp-request-button.component';
