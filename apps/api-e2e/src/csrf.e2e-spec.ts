import {
  ApiErrorCode,
  EmailOtpPurpose,
  SessionState,
  XSRF_COOKIE,
} from '@twofold/shared/contracts';
import { aUser, expectError, expectStatus, signIn, signUp } from './support/flows';
import { APP_URL, TestApp } from './support/test-app';

describe('cross-site request forgery', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('csrf');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses a sign-up without the header, and nothing is created', async () => {
    const user = aUser();
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', user, { xsrf: false });

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    expect(browser.sessionCookie).toBeUndefined();
    expectError(await signIn(app.browser(), user), 401, ApiErrorCode.InvalidCredentials);
  });

  it('refuses a sign-in without any XSRF cookie or header', async () => {
    const user = aUser();
    await signUp(app, user);
    const browser = app.browser();

    const response = await browser.post('/api/auth/login', user);

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    expect(browser.sessionCookie).toBeUndefined();
  });

  it('refuses a state change without the header, and sends no code', async () => {
    const user = aUser();
    const browser = await signUp(app, user);

    const response = await browser.post(
      '/api/two-factor/email/send',
      { purpose: EmailOtpPurpose.EnableEmail },
      { xsrf: false },
    );

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    await app.mail.expectNoNewCode(user.email);
  });

  it('refuses a header that does not match the cookie', async () => {
    const user = aUser();
    const browser = await signUp(app, user);

    const response = await browser.post(
      '/api/two-factor/email/send',
      { purpose: EmailOtpPurpose.EnableEmail },
      { xsrf: `${browser.xsrfToken ?? ''}x` },
    );

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    await app.mail.expectNoNewCode(user.email);
  });

  it("refuses another session's token in the header", async () => {
    const victim = aUser();
    const victimBrowser = await signUp(app, victim);
    const attackerBrowser = await signUp(app, aUser());

    const response = await victimBrowser.post(
      '/api/two-factor/email/send',
      { purpose: EmailOtpPurpose.EnableEmail },
      { xsrf: attackerBrowser.xsrfToken ?? '' },
    );

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    await app.mail.expectNoNewCode(victim.email);
  });

  it("refuses another session's token even when planted in both cookie and header", async () => {
    const victim = aUser();
    const victimBrowser = await signUp(app, victim);
    const attackerBrowser = await signUp(app, aUser());
    const attackerToken = attackerBrowser.xsrfToken ?? '';
    victimBrowser.setCookie(XSRF_COOKIE, attackerToken);

    const response = await victimBrowser.post('/api/auth/logout', {}, { xsrf: attackerToken });

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    expectStatus(await victimBrowser.get('/api/account'), 200);
  });

  it('refuses the anonymous token once the session has signed in', async () => {
    const user = aUser();
    await signUp(app, user);
    const browser = await app.openBrowser();
    const anonymousToken = browser.xsrfToken ?? '';
    expectStatus(await signIn(browser, user), 200);
    expect(browser.xsrfToken).toBeTruthy();
    expect(browser.xsrfToken).not.toBe(anonymousToken);

    browser.setCookie(XSRF_COOKIE, anonymousToken);
    const response = await browser.post('/api/auth/logout', {}, { xsrf: anonymousToken });

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    expect((await browser.get('/api/auth/session')).body.state).toBe(SessionState.Authenticated);
  });

  it('refuses a request from a foreign Origin even with a valid token', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.post('/api/auth/logout', {}, { origin: 'https://evil.example' });

    expectError(response, 403, ApiErrorCode.CsrfFailed);
    expectStatus(await browser.get('/api/account'), 200);
  });

  it('accepts a request from its own Origin', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.post('/api/auth/logout', {}, { origin: APP_URL });

    expectStatus(response, 204);
  });

  it('needs no token for reading', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.get('/api/account');

    expectStatus(response, 200);
  });
});
