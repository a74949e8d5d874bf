import {
  EmailOtpPurpose,
  SessionState,
  type AccountView,
  type SignUpRequest,
} from '@twofold/shared/contracts';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import type { Browser } from './browser';
import type { TestApp } from './test-app';

export interface TestUser extends SignUpRequest {
  readonly username: string;
  readonly email: string;
  readonly password: string;
}

/** A fresh, valid person to sign up: unique name and address, a password nobody else uses. */
export function aUser(prefix = 'user'): TestUser {
  // Letters only after the prefix, so no name looks like a six-digit code in a mail.
  const suffix = [...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  const username = `${prefix}-${suffix}`.toLowerCase();
  return {
    username,
    email: `${username}@example.test`,
    password: `tall-lamp-${randomBytes(6).toString('hex')}`,
  };
}

/** A six-digit code that is certainly not `code`. */
export function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

export async function signUp(app: TestApp, user: TestUser = aUser()): Promise<Browser> {
  const browser = await app.openBrowser();
  const response = await browser.post('/api/auth/signup', user);
  expectStatus(response, 201);
  return browser;
}

export async function signIn(browser: Browser, user: TestUser): Promise<Response> {
  if (!browser.xsrfToken) {
    await browser.open();
  }
  return browser.post('/api/auth/login', { username: user.username, password: user.password });
}

/** Signs up and turns email 2FA on through the settings routes, as the dialog does. */
export async function signUpWithEmail2fa(app: TestApp, user: TestUser = aUser()): Promise<Browser> {
  const browser = await signUp(app, user);
  await enableEmail2fa(app, browser, user);
  return browser;
}

export async function enableEmail2fa(
  app: TestApp,
  browser: Browser,
  user: TestUser,
): Promise<void> {
  expectStatus(
    await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail }),
    200,
  );
  const code = await app.mail.nextCode(user.email);
  expectStatus(await browser.post('/api/two-factor/email/enable', { code }), 200);
}

/** Password, then the emailed code: returns the browser with an authenticated session. */
export async function signInWithEmailCode(app: TestApp, user: TestUser): Promise<Browser> {
  const browser = await app.openBrowser();
  const login = await signIn(browser, user);
  expectStatus(login, 200);
  expect(login.body.state).toBe(SessionState.PendingMfa);

  expectStatus(await browser.post('/api/mfa/verify/email/send'), 200);
  const code = await app.mail.nextCode(user.email);
  const verified = await browser.post('/api/mfa/verify/email', { code });
  expectStatus(verified, 200);
  expect(verified.body.state).toBe(SessionState.Authenticated);
  return browser;
}

/** Password only, for a user with 2FA: the browser is left in `pending-mfa`. */
export async function signInPendingMfa(app: TestApp, user: TestUser): Promise<Browser> {
  const browser = await app.openBrowser();
  const login = await signIn(browser, user);
  expectStatus(login, 200);
  expect(login.body.state).toBe(SessionState.PendingMfa);
  return browser;
}

export async function account(browser: Browser): Promise<AccountView> {
  const response = await browser.get('/api/account');
  expectStatus(response, 200);
  return response.body as AccountView;
}

/** `expect(status)` that shows the body when it fails, which is what one needs to read then. */
export function expectStatus(response: Response, status: number): void {
  if (response.status !== status) {
    throw new Error(
      `Expected ${status} from ${response.request?.method ?? ''} ${response.request?.url ?? ''}, ` +
        `got ${response.status}: ${response.text}`,
    );
  }
}

/** Asserts the `ApiErrorBody` a client sees: status and stable `code`. */
export function expectError(response: Response, status: number, code: string | string[]): void {
  expectStatus(response, status);
  const codes = Array.isArray(code) ? code : [code];
  expect(codes).toContain(response.body.code);
  expect(response.body.statusCode).toBe(status);
  expect(typeof response.body.message).toBe('string');
}
