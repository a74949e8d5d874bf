export * from './lib/api-error';
export * from './lib/auth.api';
export * from './lib/public-config.store';
export * from './lib/resend-cooldown.store';
export * from './lib/session-expiry.interceptor';
export * from './lib/session.guards';
export * from './lib/session.store';
export * from './lib/two-factor.api';
