export * from './lib/otp-verification-dialog/otp-verification-dialog.component';
export * from './lib/totp-disable-dialog/totp-disable-dialog.component';
export * from './lib/totp-setup/totp-setup-page.component';
export * from './lib/totp-setup/totp-setup.store';
export * from './lib/two-factor-settings/two-factor-settings-page.component';
