export * from './lib/auth';
export * from './lib/errors';
export * from './lib/mfa';
export * from './lib/rules';
export * from './lib/session';
