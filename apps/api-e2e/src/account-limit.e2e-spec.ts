import { ApiErrorCode, SessionState } from '@twofold/shared/contracts';
import {
  aUser,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
  wrongCodeFor,
  type TestUser,
} from './support/flows';
import { TestApp } from './support/test-app';

const LIMIT = 100;

describe('at most 100 failed attempts per account per hour', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('account_limit');
  });

  afterAll(async () => {
    await app?.close();
  });

  async function failPasswords(user: TestUser, times: number): Promise<void> {
    const browser = await app.openBrowser();
    for (let attempt = 1; attempt <= times; attempt += 1) {
      expectError(
        await signIn(browser, { ...user, password: `wrong-password-${attempt}` }),
        401,
        ApiErrorCode.InvalidCredentials,
      );
    }
  }

  it('refuses even the right password after 100 wrong ones, for an hour', async () => {
    const user = aUser();
    await signUp(app, user);
    await failPasswords(user, LIMIT);

    const locked = await signIn(await app.openBrowser(), user);

    expectError(locked, 429, ApiErrorCode.TooManyAttempts);
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.body.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(locked.headers['retry-after']).toBeDefined();

    const someoneElse = aUser();
    await signUp(app, someoneElse);
    expectStatus(await signIn(await app.openBrowser(), someoneElse), 200);

    app.clock.advance(60 * 60_000 + 1_000);

    const later = await signIn(await app.openBrowser(), user);
    expectStatus(later, 200);
    expect(later.body.state).toBe(SessionState.Authenticated);
  });

  it('locks an unknown name under every spelling of it, as it locks an existing one', async () => {
    const user = aUser();
    await signUp(app, user);
    const ghost = aUser('ghost');
    await failPasswords(user, LIMIT);
    await failPasswords(ghost, LIMIT);

    for (const spell of [
      (name: string) => ` ${name}`,
      (name: string) => `${name.toUpperCase()} `,
    ]) {
      const known = await signIn(await app.openBrowser(), {
        ...user,
        username: spell(user.username),
      });
      const unknown = await signIn(await app.openBrowser(), {
        ...ghost,
        username: spell(ghost.username),
      });

      expectError(known, 429, ApiErrorCode.TooManyAttempts);
      expectError(unknown, 429, ApiErrorCode.TooManyAttempts);
    }
  }, 120_000);

  it('counts wrong codes and wrong passwords together', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    await failPasswords(user, LIMIT - 4);
    const browser = await signInPendingMfa(app, user);
    expectStatus(await browser.post('/api/mfa/verify/email/send'), 200);
    const code = await app.mail.nextCode(user.email);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectError(
        await browser.post('/api/mfa/verify/email', { code: wrongCodeFor(code) }),
        422,
        ApiErrorCode.CodeInvalid,
      );
    }

    const response = await browser.post('/api/mfa/verify/email', { code });

    expectError(response, 429, ApiErrorCode.TooManyAttempts);
    expect((await browser.get('/api/auth/session')).body.state).not.toBe(
      SessionState.Authenticated,
    );
  });
});
