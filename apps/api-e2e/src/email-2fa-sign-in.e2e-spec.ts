import {
  ApiErrorCode,
  MfaMethod,
  SessionState,
  type EmailOtpSentResponse,
} from '@twofold/shared/contracts';
import {
  account,
  aUser,
  expectError,
  expectStatus,
  signInPendingMfa,
  signUpWithEmail2fa,
  wrongCodeFor,
} from './support/flows';
import { TestApp } from './support/test-app';

describe('signing in with an emailed code', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('email_2fa_sign_in');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('goes password → pending-mfa → code → authenticated, and the home data is there', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);

    const sent = await browser.post('/api/mfa/verify/email/send');
    expectStatus(sent, 200);
    expect((sent.body as EmailOtpSentResponse).sentTo).not.toContain(user.email);
    const code = await app.mail.nextCode(user.email);
    const verified = await browser.post('/api/mfa/verify/email', { code });

    expectStatus(verified, 200);
    expect(verified.body.state).toBe(SessionState.Authenticated);
    expect(verified.body.user.username).toBe(user.username);
    const home = await account(browser);
    expect(home.username).toBe(user.username);
    expect(home.twoFactor).toMatchObject({ enabled: true, methods: [MfaMethod.Email] });
  });

  it('gives a new session id after the second factor; the pending cookie is dead', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);
    const pendingCookie = browser.sessionCookie;
    const pendingXsrf = browser.xsrfToken;
    const replay = browser.copy();

    await browser.post('/api/mfa/verify/email/send');
    const code = await app.mail.nextCode(user.email);
    expectStatus(await browser.post('/api/mfa/verify/email', { code }), 200);

    expect(browser.sessionCookie).toBeTruthy();
    expect(browser.sessionCookie).not.toBe(pendingCookie);
    expect(browser.xsrfToken).not.toBe(pendingXsrf);
    expect((await replay.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
    expectError(await replay.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
  });

  it('says a wrong code is wrong and lets the person try again', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);
    await browser.post('/api/mfa/verify/email/send');
    const code = await app.mail.nextCode(user.email);

    const wrong = await browser.post('/api/mfa/verify/email', { code: wrongCodeFor(code) });

    expectError(wrong, 422, ApiErrorCode.CodeInvalid);
    expect((await browser.get('/api/auth/session')).body.state).toBe(SessionState.PendingMfa);
    expectStatus(await browser.post('/api/mfa/verify/email', { code }), 200);
  });

  it('refuses to verify before any code was sent', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);

    const response = await browser.post('/api/mfa/verify/email', { code: '123456' });

    expectError(response, 422, ApiErrorCode.CodeNotFound);
  });

  it('does not authenticate with a correct code after the pending session was signed out', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);
    await browser.post('/api/mfa/verify/email/send');
    const code = await app.mail.nextCode(user.email);
    const replay = browser.copy();

    expectStatus(await browser.post('/api/auth/logout'), 204);
    await replay.open();

    expectError(
      await replay.post('/api/mfa/verify/email', { code }),
      401,
      ApiErrorCode.Unauthenticated,
    );
  });
});
