export * from './lib/sign-in/sign-in-page.component';
export * from './lib/sign-up/sign-up-page.component';
export * from './lib/verify/verify-page.component';
