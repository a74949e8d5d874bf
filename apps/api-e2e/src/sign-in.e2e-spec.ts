import { ApiErrorCode, MfaMethod, SessionState } from '@twofold/shared/contracts';
import {
  aUser,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
} from './support/flows';
import { TestApp } from './support/test-app';

describe('password sign-in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('sign_in');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('signs a user without 2FA straight in', async () => {
    const user = aUser();
    await signUp(app, user);
    const browser = await app.openBrowser();

    const response = await signIn(browser, user);

    expectStatus(response, 200);
    expect(response.body.state).toBe(SessionState.Authenticated);
    expect(response.body.user.username).toBe(user.username);
    expect(browser.sessionCookie).toBeTruthy();
    expectStatus(await browser.get('/api/account'), 200);
  });

  it('leaves a user with email 2FA in pending-mfa, offering the email method', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await app.openBrowser();

    const response = await signIn(browser, user);

    expectStatus(response, 200);
    expect(response.body.state).toBe(SessionState.PendingMfa);
    expect(response.body.methods).toEqual([MfaMethod.Email]);
    expect(response.body.user).toBeUndefined();
    expect((await browser.get('/api/auth/session')).body.state).toBe(SessionState.PendingMfa);
  });

  it('gives the same answer for a wrong password and for an unknown user', async () => {
    const user = aUser();
    await signUp(app, user);

    const wrongPassword = await signIn(app.browser(), { ...user, password: 'not-the-password-1' });
    const unknownUser = await signIn(app.browser(), { ...aUser(), password: user.password });

    expectError(wrongPassword, 401, ApiErrorCode.InvalidCredentials);
    expect(unknownUser.status).toBe(wrongPassword.status);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(unknownUser.headers['set-cookie']?.length ?? 0).toBe(
      wrongPassword.headers['set-cookie']?.length ?? 0,
    );
  });

  it('gives a new session id when the password is right, so a planted cookie is worthless', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const attacker = await signInPendingMfa(app, user);
    const planted = attacker.sessionCookie;
    expect(planted).toBeTruthy();

    const victim = attacker.copy();
    const response = await signIn(victim, user);

    expectStatus(response, 200);
    expect(victim.sessionCookie).toBeTruthy();
    expect(victim.sessionCookie).not.toBe(planted);
    expect((await attacker.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
  });

  it("replaces a planted session cookie at sign-in, so the victim never uses the attacker's session", async () => {
    const attacker = await signUp(app, aUser('attacker'));
    const victim = aUser('victim');
    await signUp(app, victim);
    const victimBrowser = attacker.copy();

    const response = await signIn(victimBrowser, victim);

    expectStatus(response, 200);
    expect(victimBrowser.sessionCookie).not.toBe(attacker.sessionCookie);
    expect((await victimBrowser.get('/api/account')).body.username).toBe(victim.username);
    expect((await attacker.get('/api/account')).body.username).not.toBe(victim.username);
  });

  it('lets a pending-mfa session expire after 10 minutes', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);

    app.clock.advance(10 * 60_000 + 1_000);

    expect((await browser.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
    await browser.open();
    expectError(
      await browser.post('/api/mfa/verify/email/send'),
      401,
      ApiErrorCode.Unauthenticated,
    );
  });

  it('keeps an authenticated session alive while it is used, and ends it after 30 idle minutes', async () => {
    const user = aUser();
    const browser = await signUp(app, user);

    app.clock.advanceMinutes(20);
    expectStatus(await browser.get('/api/account'), 200);
    app.clock.advanceMinutes(20);
    expectStatus(await browser.get('/api/account'), 200);

    app.clock.advance(30 * 60_000 + 1_000);

    expectError(await browser.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
  });

  it('ends an authenticated session 12 hours after sign-in even when it is busy', async () => {
    const browser = await signUp(app, aUser());

    for (let minutes = 0; minutes < 12 * 60; minutes += 25) {
      app.clock.advanceMinutes(25);
      if (minutes + 25 < 12 * 60) {
        expectStatus(await browser.get('/api/account'), 200);
      }
    }

    expectError(await browser.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
  });

  it('signs out: the session is gone on the server, so a replayed cookie gets 401', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    const stolen = browser.copy();

    const response = await browser.post('/api/auth/logout');

    expectStatus(response, 204);
    expect(browser.sessionCookie).toBeUndefined();
    expectError(await stolen.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    expect((await stolen.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
  });

  it('signs out of a pending-mfa session too', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);
    const stolen = browser.copy();

    expectStatus(await browser.post('/api/auth/logout'), 204);

    expect((await stolen.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
  });
});
