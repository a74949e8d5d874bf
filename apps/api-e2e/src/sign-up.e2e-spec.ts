import {
  ApiErrorCode,
  PASSWORD_MAX_LENGTH,
  Role,
  SESSION_COOKIE,
  SessionState,
  type AccountView,
} from '@twofold/shared/contracts';
import { aUser, expectError, expectStatus, signIn } from './support/flows';
import { TestApp } from './support/test-app';

describe('sign-up', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('sign_up');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates the account, answers with it and signs the person in', async () => {
    const user = aUser();
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', user);

    expectStatus(response, 201);
    const created = response.body as AccountView;
    expect(created).toMatchObject({
      username: user.username,
      email: user.email,
      role: Role.User,
      twoFactor: { enabled: false, methods: [] },
    });
    expect(created.id).toEqual(expect.any(String));
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
    expect(response.text).not.toContain(user.password);

    expect(browser.sessionCookie).toBeTruthy();
    const attributes = browser.cookieAttributes(SESSION_COOKIE);
    expect(attributes?.has('httponly')).toBe(true);
    expect(attributes?.get('samesite')?.toLowerCase()).toBe('lax');
    expect(attributes?.get('path')).toBe('/');
    // APP_URL is http here, so the cookie must still reach the server.
    expect(attributes?.has('secure')).toBe(false);

    const session = await browser.get('/api/auth/session');
    expect(session.body.state).toBe(SessionState.Authenticated);
    expect(session.body.user.username).toBe(user.username);
  });

  it('lets the new person sign in again with the same password', async () => {
    const user = aUser();
    await (await app.openBrowser()).post('/api/auth/signup', user);

    const response = await signIn(app.browser(), user);

    expectStatus(response, 200);
    expect(response.body.state).toBe(SessionState.Authenticated);
  });

  it('names every missing field', async () => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', {});

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(Object.keys(response.body.fields ?? {})).toEqual(
      expect.arrayContaining(['username', 'email', 'password']),
    );
    expect(browser.sessionCookie).toBeUndefined();
  });

  it.each([
    ['a password shorter than 8 characters', { password: 'a1b2c3d' }],
    ['a password longer than 128 characters', { password: 'x'.repeat(PASSWORD_MAX_LENGTH + 1) }],
    ['a common password', { password: 'password' }],
    ['another common password', { password: '12345678' }],
    ['yet another common password', { password: 'qwertyuiop' }],
  ])('refuses %s', async (_label, override) => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', { ...aUser(), ...override });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(response.body.fields?.password?.length).toBeGreaterThan(0);
    expect(browser.sessionCookie).toBeUndefined();
  });

  it('refuses a password equal to the username', async () => {
    const user = aUser('samepass');
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', { ...user, password: user.username });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(response.body.fields?.password?.length).toBeGreaterThan(0);
  });

  it('accepts a long passphrase with no composition rules', async () => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', {
      ...aUser(),
      password: 'all lower case words make a fine long passphrase',
    });

    expectStatus(response, 201);
  });

  it.each([
    ['without an @', 'not-an-address'],
    ['with spaces', 'some one@example.test'],
    ['without a domain', 'someone@'],
  ])('refuses an email address %s', async (_label, email) => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', { ...aUser(), email });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(response.body.fields?.email?.length).toBeGreaterThan(0);
  });

  it('refuses a username outside the allowed shape', async () => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', { ...aUser(), username: 'No Spaces!' });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(response.body.fields?.username?.length).toBeGreaterThan(0);
  });

  it('refuses a username that is taken', async () => {
    const first = aUser();
    expectStatus(await (await app.openBrowser()).post('/api/auth/signup', first), 201);

    const response = await (
      await app.openBrowser()
    ).post('/api/auth/signup', { ...aUser(), username: first.username });

    expectError(response, 409, ApiErrorCode.UsernameTaken);
  });

  it('refuses an email address that is taken', async () => {
    const first = aUser();
    expectStatus(await (await app.openBrowser()).post('/api/auth/signup', first), 201);

    const response = await (
      await app.openBrowser()
    ).post('/api/auth/signup', { ...aUser(), email: first.email });

    expectError(response, 409, ApiErrorCode.EmailTaken);
  });

  it('refuses fields it does not know, so nobody signs up as an admin', async () => {
    const user = aUser();
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', { ...user, role: Role.Admin });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
    expect(browser.sessionCookie).toBeUndefined();
    expectError(await signIn(app.browser(), user), 401, ApiErrorCode.InvalidCredentials);
  });

  it('refuses values of the wrong type without a server error', async () => {
    const browser = await app.openBrowser();

    const response = await browser.post('/api/auth/signup', {
      username: ['array'],
      email: { nested: true },
      password: 12345678,
    });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
  });
});
