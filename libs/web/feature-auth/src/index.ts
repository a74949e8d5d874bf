export * from './lib/web-feature-auth/web-feature-auth.component';
