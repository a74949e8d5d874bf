import {
  ApiErrorCode,
  EmailOtpPurpose,
  SESSION_COOKIE,
  SessionState,
  TotpDisableProof,
  XSRF_COOKIE,
  XSRF_HEADER,
} from '@twofold/shared/contracts';
import { createHmac } from 'node:crypto';
import request, { type Response } from 'supertest';
import type { Browser } from './support/browser';
import {
  aUser,
  account,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
  wrongCodeFor,
  type TestUser,
} from './support/flows';
import { RecordingLogger } from './support/recording-logger';
import { APP_URL, TestApp } from './support/test-app';

// Its own app, started and closed before the main one: two apps closing in one process
// disturb each other's database connection in this harness.
describe('cookies over https', () => {
  it('sets Secure on both cookies when APP_URL is https', async () => {
    const secure = await TestApp.start('attacks-https', {
      env: { APP_URL: 'https://twofold.example' },
    });
    try {
      const browser = secure.browser();
      await browser.open();
      expect(browser.cookieAttributes(XSRF_COOKIE)?.has('secure')).toBe(true);
      const response = await browser.post('/api/auth/signup', aUser(), {
        origin: 'https://twofold.example',
      });
      expectStatus(response, 201);
      expect(browser.cookieAttributes(SESSION_COOKIE)?.has('secure')).toBe(true);
      expect(String(response.headers['strict-transport-security'] ?? '')).toContain('max-age');
    } finally {
      await secure.close();
    }
  });
});

describe('with the SPA served (as in production)', () => {
  it('answers a malformed JSON or garbled gzip body on /api with 400 validation_failed, not 404', async () => {
    const served = await TestApp.start('attacks-spa', { env: { SERVE_SPA: 'true' } });
    try {
      const browser = await served.openBrowser();
      const cookies = [`${XSRF_COOKIE}=${encodeURIComponent(browser.xsrfToken ?? '')}`];
      const post = (body: string, headers: Record<string, string>) =>
        request(served.baseUrl)
          .post('/api/auth/login')
          .set('Cookie', cookies.join('; '))
          .set(XSRF_HEADER, browser.xsrfToken ?? '')
          .set({ 'Content-Type': 'application/json', ...headers })
          .send(body);

      expectError(await post('{"username":', {}), 400, ApiErrorCode.ValidationFailed);
      expectError(
        await post('not gzip at all', { 'Content-Encoding': 'gzip' }),
        400,
        ApiErrorCode.ValidationFailed,
      );
    } finally {
      await served.close();
    }
  });
});

/**
 * An attacker's view of the API: every test here is an attack. Those that pass pin a defence;
 * those that fail show a defect (see the report that came with this file).
 */
describe('attacks on sign-in and second factors', () => {
  const logger = new RecordingLogger();
  const codesSeen: string[] = [];
  const totpSecrets: string[] = [];
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('attacks', { logger });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The next code mailed to `user`, remembered for the "never in a log or response" checks. */
  async function nextCode(user: TestUser): Promise<string> {
    const code = await app.mail.nextCode(user.email);
    codesSeen.push(code);
    return code;
  }

  /** The cookies a browser holds, as a `Cookie` header for hand-made requests. */
  function cookieHeader(browser: Browser): string {
    const pairs: string[] = [];
    for (const name of [SESSION_COOKIE, XSRF_COOKIE]) {
      const value = browser.cookie(name);
      if (value !== undefined) {
        pairs.push(`${name}=${encodeURIComponent(value)}`);
      }
    }
    return pairs.join('; ');
  }

  function expectNoServerError(response: Response): void {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  }

  describe('skipping the second factor', () => {
    it('refuses every authenticated route to a pending-mfa session, and sends no code', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);

      expectError(await pending.get('/api/account'), 403, ApiErrorCode.WrongSessionState);
      expectError(await pending.get('/api/two-factor'), 403, ApiErrorCode.WrongSessionState);
      for (const path of [
        '/api/two-factor/email/send',
        '/api/two-factor/email/disable',
        '/api/two-factor/email/enable',
        '/api/two-factor/totp/setup',
        '/api/two-factor/totp/activate',
        '/api/two-factor/totp/disable',
      ]) {
        const body = path.endsWith('/send')
          ? { purpose: EmailOtpPurpose.DisableEmail }
          : { code: '123456', proof: TotpDisableProof.Email };
        const response = await pending.post(path, body);
        expect([403, 400]).toContain(response.status);
        if (response.status === 403) {
          expect(response.body.code).toBe(ApiErrorCode.WrongSessionState);
        }
      }
      await app.mail.expectNoNewCode(user.email);
    });

    it('does not upgrade a pending session by signing up in the same browser', async () => {
      const victim = aUser('victim');
      await signUpWithEmail2fa(app, victim);
      const pending = await signInPendingMfa(app, victim);
      const pendingCookie = pending.sessionCookie;

      const newcomer = aUser('newcomer');
      expectStatus(await pending.post('/api/auth/signup', newcomer), 201);

      expect((await account(pending)).username).toBe(newcomer.username);
      const replay = app.browser();
      replay.setCookie(SESSION_COOKIE, pendingCookie ?? '');
      expectError(await replay.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    });

    it('does not upgrade a pending session by signing in again, even as a user without 2FA', async () => {
      const victim = aUser('victim');
      await signUpWithEmail2fa(app, victim);
      const pending = await signInPendingMfa(app, victim);
      const pendingCookie = pending.sessionCookie;

      // The same password again: still pending, under a new id.
      const again = await signIn(pending, victim);
      expectStatus(again, 200);
      expect(again.body.state).toBe(SessionState.PendingMfa);
      expect(pending.sessionCookie).not.toBe(pendingCookie);
      expectError(await pending.get('/api/account'), 403, ApiErrorCode.WrongSessionState);
    });

    it('throws a planted session cookie away at sign-in (session fixation)', async () => {
      const attacker = aUser('attacker');
      const attackerBrowser = await signUpWithEmail2fa(app, attacker);
      const planted = attackerBrowser.sessionCookie ?? '';

      const victim = aUser('victim');
      await signUp(app, victim);
      const victimBrowser = await app.openBrowser();
      victimBrowser.setCookie(SESSION_COOKIE, planted);
      await victimBrowser.open();
      expectStatus(await signIn(victimBrowser, victim), 200);

      expect(victimBrowser.sessionCookie).not.toBe(planted);
      // The attacker's copy of the cookie does not follow the victim into the account.
      const attackerView = await attackerBrowser.get('/api/account');
      if (attackerView.status === 200) {
        expect(attackerView.body.username).toBe(attacker.username);
      }
    });

    it('makes the pre-step-up cookie worthless once the code was accepted', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      const stolen = pending.copy();

      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await nextCode(user);
      expectStatus(await pending.post('/api/mfa/verify/email', { code }), 200);

      expectError(await stolen.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
      const replayed = await stolen.post('/api/mfa/verify/email', { code });
      expect([401, 403]).toContain(replayed.status);
      expect([ApiErrorCode.Unauthenticated, ApiErrorCode.CsrfFailed]).toContain(replayed.body.code);
    });

    it('refuses a valid code once the pending session has expired (10 min after the password)', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      app.clock.advanceMinutes(5);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await nextCode(user);

      app.clock.advanceMinutes(5);
      app.clock.advanceSeconds(1);
      const late = await pending.post('/api/mfa/verify/email', { code });

      expect(late.status).not.toBe(200);
      expect(pending.sessionCookie === undefined || late.status >= 400).toBe(true);
      expectError(await pending.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    });

    it('leaves nothing alive after logout: the cookie and a code sent before it are dead', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await nextCode(user);
      const stolen = pending.copy();

      expectStatus(await pending.post('/api/auth/logout'), 204);

      expectError(await stolen.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
      const next = await signInPendingMfa(app, user);
      expectError(await next.post('/api/mfa/verify/email', { code }), 422, [
        ApiErrorCode.CodeNotFound,
        ApiErrorCode.CodeInvalid,
      ]);
    });
  });

  describe('replaying and crossing codes', () => {
    it("refuses a code from the enable dialog at sign-in, and another user's sign-in code", async () => {
      const user = aUser();
      const settings = await signUp(app, user);
      expectStatus(
        await settings.post('/api/two-factor/email/send', {
          purpose: EmailOtpPurpose.EnableEmail,
        }),
        200,
      );
      const enableCode = await nextCode(user);
      expectStatus(await settings.post('/api/two-factor/email/enable', { code: enableCode }), 200);

      const other = aUser('other');
      await signUpWithEmail2fa(app, other);
      const otherPending = await signInPendingMfa(app, other);
      expectStatus(await otherPending.post('/api/mfa/verify/email/send'), 200);
      const otherCode = await nextCode(other);

      const pending = await signInPendingMfa(app, user);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const ownCode = await nextCode(user);
      for (const code of [enableCode, otherCode].filter((c) => c !== ownCode)) {
        expectError(await pending.post('/api/mfa/verify/email', { code }), 422, [
          ApiErrorCode.CodeInvalid,
          ApiErrorCode.CodeNotFound,
        ]);
      }
      // Both owners' codes still work for them.
      expectStatus(await pending.post('/api/mfa/verify/email', { code: ownCode }), 200);
      expectStatus(await otherPending.post('/api/mfa/verify/email', { code: otherCode }), 200);
    });

    it('refuses a sign-in code to turn 2FA off in the session it created', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await nextCode(user);
      expectStatus(await pending.post('/api/mfa/verify/email', { code }), 200);

      expectError(await pending.post('/api/two-factor/email/disable', { code }), 422, [
        ApiErrorCode.CodeNotFound,
        ApiErrorCode.CodeInvalid,
      ]);
      expect((await account(pending)).twoFactor.enabled).toBe(true);
    });
  });

  describe('racing', () => {
    it('checks at most 5 guesses of one code, even when 20 wrong guesses arrive at once', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await nextCode(user);
      const guesses = Array.from({ length: 20 }, (_, i) =>
        String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
      );

      const answers = await Promise.all(
        guesses.map((guess) => pending.post('/api/mfa/verify/email', { code: guess })),
      );

      const checked = answers.filter((r) => r.body.code === ApiErrorCode.CodeInvalid);
      expect(answers.every((r) => r.status === 422)).toBe(true);
      expect(checked.length).toBeLessThanOrEqual(5);
      expectError(await pending.post('/api/mfa/verify/email', { code }), 422, [
        ApiErrorCode.CodeNotFound,
        ApiErrorCode.CodeInvalid,
      ]);
    });

    it('sends one code, not several, when five sends race past the 60 s cooldown', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => pending.post('/api/mfa/verify/email/send')),
      );

      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      for (const refused of answers.filter((r) => r.status !== 200)) {
        expectError(refused, 429, ApiErrorCode.ResendCooldown);
      }
      await nextCode(user);
      await app.mail.expectNoNewCode(user.email, 500);
    });

    it('turns email 2FA off once when two disables race with the same code', async () => {
      const user = aUser();
      const browser = await signUpWithEmail2fa(app, user);
      await app.mail.nextMail(user.email); // the "factor added" notice
      expectStatus(
        await browser.post('/api/two-factor/email/send', {
          purpose: EmailOtpPurpose.DisableEmail,
        }),
        200,
      );
      const code = await nextCode(user);

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => browser.post('/api/two-factor/email/disable', { code })),
      );

      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.every((r) => r.status < 500)).toBe(true);
      expect((await account(browser)).twoFactor.enabled).toBe(false);
    });
  });

  describe('brute force: at most 100 failures per account per hour', () => {
    it('checks no more than 100 passwords in an hour, even when 30 arrive at once at 95 failures', async () => {
      const user = aUser();
      await signUp(app, user);
      const browser = await app.openBrowser();
      const wrong = { username: user.username, password: 'not-the-password' };
      for (let i = 0; i < 95; i++) {
        expectError(
          await browser.post('/api/auth/login', wrong),
          401,
          ApiErrorCode.InvalidCredentials,
        );
      }

      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          browser.post('/api/auth/login', { ...wrong, password: `guess-number-${i}` }),
        ),
      );

      // Parallel claims may refuse a few more than needed, never fewer: at most 5 are checked.
      let checked = burst.filter((r) => r.status === 401).length;
      expect(checked).toBeLessThanOrEqual(5);
      for (const refused of burst.filter((r) => r.status !== 401)) {
        expectError(refused, 429, ApiErrorCode.TooManyAttempts);
      }

      // Whatever the burst left over can still be used, one at a time, up to exactly 100.
      for (;;) {
        const next = await browser.post('/api/auth/login', wrong);
        if (next.status === 429) break;
        expectError(next, 401, ApiErrorCode.InvalidCredentials);
        checked += 1;
      }
      expect(95 + checked).toBe(100);
      // Locked now, also for the right password (else the lock would be an oracle).
      expectError(await signIn(app.browser(), user), 429, ApiErrorCode.TooManyAttempts);
    }, 120_000);

    it('answers a locked account with Retry-After, and unlocks after the hour', async () => {
      const user = aUser();
      await signUp(app, user);
      const browser = await app.openBrowser();
      for (let i = 0; i < 100; i++) {
        await browser.post('/api/auth/login', { username: user.username, password: `nope-${i}` });
      }
      const locked = await signIn(app.browser(), user);
      expectError(locked, 429, ApiErrorCode.TooManyAttempts);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.body.retryAfterSeconds).toBeGreaterThan(0);

      app.clock.advanceMinutes(61);
      expectStatus(await signIn(app.browser(), user), 200);
    }, 120_000);
  });

  describe('cross-site request forgery', () => {
    it('refuses a cross-site sign-in posted to /API/auth/login (upper-case path)', async () => {
      const user = aUser();
      await signUp(app, user);
      const victim = app.browser(); // a visitor of the attacker's page: no cookies, no token

      const response = await victim.post(
        '/API/auth/login',
        { username: user.username, password: user.password },
        { origin: 'https://evil.example' },
      );

      expectError(response, 403, ApiErrorCode.CsrfFailed);
      expect(victim.sessionCookie).toBeUndefined();
    });

    it('refuses a form-encoded cross-site sign-in to /Api/auth/login', async () => {
      const user = aUser();
      await signUp(app, user);

      const response = await request(app.baseUrl)
        .post('/Api/auth/login')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send(`username=${user.username}&password=${encodeURIComponent(user.password)}`);

      expectError(response, 403, ApiErrorCode.CsrfFailed);
      expect(String(response.headers['set-cookie'] ?? '')).not.toContain(`${SESSION_COOKIE}=`);
    });

    it('refuses state changes without the header on upper-case paths, and sends no code', async () => {
      const user = aUser();
      const browser = await signUp(app, user);

      const send = await browser.post(
        '/API/two-factor/email/send',
        { purpose: EmailOtpPurpose.EnableEmail },
        { xsrf: false },
      );
      expectError(send, 403, ApiErrorCode.CsrfFailed);
      await app.mail.expectNoNewCode(user.email);

      const logout = await browser.post('/API/auth/logout', {}, { xsrf: false });
      expectError(logout, 403, ApiErrorCode.CsrfFailed);
      expectStatus(await browser.get('/api/account'), 200);
    });

    it('refuses a text/plain or form-encoded POST without the header (what a cross-site form can send)', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await request(app.baseUrl)
          .post('/api/two-factor/email/send')
          .set('Cookie', cookieHeader(browser))
          .set('Content-Type', type)
          .send(type === 'text/plain' ? '{"purpose":"enable-email"}' : 'purpose=enable-email');
        expectError(response, 403, ApiErrorCode.CsrfFailed);
      }
      await app.mail.expectNoNewCode(user.email);
    });

    it("refuses another session's valid token, a foreign Origin and the anonymous token after sign-in", async () => {
      const user = aUser();
      const browser = await app.openBrowser();
      const anonymousToken = browser.xsrfToken ?? '';
      expectStatus(await browser.post('/api/auth/signup', user), 201);
      const other = await signUp(app);

      expectError(
        await browser.post('/api/auth/logout', {}, { xsrf: anonymousToken }),
        403,
        ApiErrorCode.CsrfFailed,
      );
      expectError(
        await browser.post('/api/auth/logout', {}, { xsrf: other.xsrfToken ?? '' }),
        403,
        ApiErrorCode.CsrfFailed,
      );
      expectError(
        await browser.post('/api/auth/logout', {}, { origin: 'http://localhost:3001' }),
        403,
        ApiErrorCode.CsrfFailed,
      );
      expectError(
        await browser.post('/api/auth/logout', {}, { origin: 'null' }),
        403,
        ApiErrorCode.CsrfFailed,
      );
      expectStatus(await browser.get('/api/account'), 200);
      expectStatus(await browser.post('/api/auth/logout', {}, { origin: APP_URL }), 204);
    });

    it('has no GET with a side effect: GET on the unsafe routes changes nothing', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      for (const path of [
        '/api/auth/logout',
        '/api/two-factor/email/send',
        '/api/two-factor/email/disable',
        '/api/mfa/verify/email/send',
      ]) {
        expect((await browser.get(path)).status).toBe(404);
      }
      expectStatus(await browser.get('/api/account'), 200);
      await app.mail.expectNoNewCode(user.email);
    });
  });

  describe('bad input answers 4xx, never 500, and changes nothing', () => {
    it.each(['__proto__', 'constructor'])(
      'refuses a sign-up carrying a %s key, and creates no account',
      async (key) => {
        const user = aUser();
        const browser = await app.openBrowser();
        const body = `{"username":"${user.username}","email":"${user.email}","password":"${user.password}","${key}":{"role":"admin","polluted":true}}`;

        const response = await request(app.baseUrl)
          .post('/api/auth/signup')
          .set('Cookie', cookieHeader(browser))
          .set(XSRF_HEADER, browser.xsrfToken ?? '')
          .set('Content-Type', 'application/json')
          .send(body);

        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expectError(response, 400, ApiErrorCode.ValidationFailed);
        expectError(await signIn(app.browser(), user), 401, ApiErrorCode.InvalidCredentials);
      },
    );

    it.each([
      ['malformed JSON', '{"username":', 'application/json'],
      ['a JSON null', 'null', 'application/json'],
      [
        'a 1 MB JSON body',
        JSON.stringify({ username: 'a'.repeat(1_000_000), password: 'x' }),
        'application/json',
      ],
      ['an unsupported charset', '{}', 'application/json; charset=utf-7'],
    ])(
      'answers %s with 400/413/415 validation_failed, not 404 or 500',
      async (_name, body, type) => {
        const browser = await app.openBrowser();

        const response = await request(app.baseUrl)
          .post('/api/auth/login')
          .set('Cookie', cookieHeader(browser))
          .set(XSRF_HEADER, browser.xsrfToken ?? '')
          .set('Content-Type', type)
          .send(body);

        expectNoServerError(response);
        expect([400, 413, 415]).toContain(response.status);
        expect(response.body.code).toBe(ApiErrorCode.ValidationFailed);
      },
    );

    it('refuses wrong types, arrays, operators, null bytes and 1 MB fields without a 500', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const anonymous = await app.openBrowser();
      const attempts: Array<[Browser, string, object]> = [
        [anonymous, '/api/auth/login', { username: [user.username], password: user.password }],
        [anonymous, '/api/auth/login', { username: user.username, password: { $ne: 1 } }],
        [
          anonymous,
          '/api/auth/login',
          { username: `${user.username}\u0000`, password: user.password },
        ],
        [anonymous, '/api/auth/login', { username: user.username, password: 'p'.repeat(90_000) }],
        [anonymous, '/api/auth/signup', { ...aUser(), username: 'ǅemal-ünïcode' }],
        [anonymous, '/api/auth/signup', { ...aUser(), email: 'a@b\u0000.test' }],
        [anonymous, '/api/auth/signup', { ...aUser(), password: 'p'.repeat(90_000) }],
        [browser, '/api/two-factor/email/send', { purpose: ['enable-email'] }],
        [browser, '/api/two-factor/email/send', { purpose: 'sign-in' }],
        [browser, '/api/two-factor/email/enable', { code: 123456 }],
        [browser, '/api/two-factor/email/enable', { code: ['123456'] }],
        [browser, '/api/two-factor/email/enable', { code: '１２３４５６' }],
        [browser, '/api/two-factor/email/enable', { code: '123456\u0000' }],
        [browser, '/api/two-factor/email/enable', { code: ' 123456' }],
        [browser, '/api/two-factor/totp/disable', { code: '123456', proof: 'none' }],
      ];
      for (const [who, path, body] of attempts) {
        const response = await who.post(path, body);
        expectNoServerError(response);
        expect(response.status).not.toBe(200);
        expect(response.status).not.toBe(201);
      }
      expect((await account(browser)).twoFactor.enabled).toBe(false);
      await app.mail.expectNoNewCode(user.email);
    });
  });

  describe('what an observer learns', () => {
    // The timing side of this is measured by tools/bench/sign-in-timing.mjs, not asserted here.
    it('answers an unknown user and a wrong password alike', async () => {
      const user = aUser();
      await signUp(app, user);
      const attempt = async (username: string): Promise<Response> =>
        (await app.openBrowser()).post('/api/auth/login', { username, password: 'wrong-pw-1' });

      for (let i = 0; i < 3; i++) {
        const known = await attempt(user.username);
        const unknown = await attempt(`nobody-${i}-${user.username}`);
        expect(unknown.status).toBe(known.status);
        expect(unknown.body).toEqual(known.body);
      }
    });

    it('does not reveal which usernames exist through the account lock (429 vs 401)', async () => {
      const user = aUser();
      await signUp(app, user);
      const ghost = aUser('ghost');
      const browser = await app.openBrowser();
      const last: Record<string, Response> = {};
      for (const name of [user.username, ghost.username]) {
        for (let i = 0; i < 101; i++) {
          last[name] = await browser.post('/api/auth/login', {
            username: name,
            password: `wrong-guess-${i}`,
          });
        }
      }

      const known = last[user.username];
      const unknown = last[ghost.username];
      expect(unknown?.status).toBe(known?.status);
      expect(unknown?.body.code).toBe(known?.body.code);
    }, 120_000);

    it('tells every cache to keep no API answer, errors included', async () => {
      const browser = await signUp(app, aUser());
      const anonymous = await app.openBrowser();
      const answers = [
        await browser.get('/api/account'),
        await browser.get('/api/auth/session'),
        await browser.get('/api/two-factor'),
        await anonymous.get('/api/account'),
        await anonymous.post('/api/auth/login', { username: 'nobody', password: 'wrong-pw-1' }),
        await anonymous.post('/api/auth/login', {}, { xsrf: false }),
        await anonymous.get('/api/no-such-route'),
        await request(app.baseUrl).get('/API/auth/session'),
      ];

      const cacheable = answers
        .filter((answer) => answer.headers['cache-control'] !== 'no-store')
        .map((answer) => `${answer.status} ${answer.request.url}`);
      expect(cacheable).toEqual([]);
    });

    it('publishes no hash, secret or code field in the OpenAPI description', async () => {
      const response = await request(app.baseUrl).get('/api/docs-json');
      expectStatus(response, 200);
      const text = JSON.stringify(response.body).toLowerCase();
      for (const word of [
        'codehash',
        'code_hash',
        'passwordhash',
        'password_hash',
        'sealed',
        'tokenhash',
      ]) {
        expect(text).not.toContain(word);
      }
    });

    it('sets the security headers and cookie flags', async () => {
      const browser = app.browser();
      const response = await browser.open();
      const csp = String(response.headers['content-security-policy'] ?? '');
      expect(csp).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-powered-by']).toBeUndefined();

      const xsrf = browser.cookieAttributes(XSRF_COOKIE);
      expect(xsrf?.get('samesite')?.toLowerCase()).toBe('strict');
      expect(xsrf?.has('httponly')).toBe(false);
      expect(xsrf?.get('path')).toBe('/');

      const user = aUser();
      expectStatus(await browser.post('/api/auth/signup', user), 201);
      const session = browser.cookieAttributes(SESSION_COOKIE);
      expect(session?.has('httponly')).toBe(true);
      expect(session?.get('samesite')?.toLowerCase()).toBe('lax');
      expect(session?.has('max-age') || session?.has('expires')).toBe(false);
      expect(browser.sessionCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  describe('the authenticator app (TOTP)', () => {
    function totp(secret: string, at: Date): string {
      const key = base32Decode(secret);
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
      const mac = createHmac('sha1', key).update(counter).digest();
      const offset = (mac[mac.length - 1] ?? 0) & 0xf;
      const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
      return String(value).padStart(6, '0');
    }

    async function setUpTotp(
      user: TestUser,
    ): Promise<{ browser: Browser; secret: string; activationCode: string }> {
      const browser = await signUpWithEmail2fa(app, user);
      expectStatus(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableTotp }),
        200,
      );
      const emailCode = await nextCode(user);
      const setup = await browser.post('/api/two-factor/totp/setup', { code: emailCode });
      expectStatus(setup, 200);
      const secret = setup.body.secret as string;
      totpSecrets.push(secret);
      const activationCode = totp(secret, app.clock.now());
      expectStatus(
        await browser.post('/api/two-factor/totp/activate', { code: activationCode }),
        200,
      );
      return { browser, secret, activationCode };
    }

    it('refuses to start a setup without a fresh enable-totp email code', async () => {
      const user = aUser();
      const browser = await signUpWithEmail2fa(app, user);
      expectError(await browser.post('/api/two-factor/totp/setup', { code: '000000' }), 422, [
        ApiErrorCode.CodeNotFound,
        ApiErrorCode.CodeInvalid,
      ]);
      // An enable-email style code of another purpose does not open it either.
      expectStatus(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
        200,
      );
      const disableCode = await nextCode(user);
      expectError(await browser.post('/api/two-factor/totp/setup', { code: disableCode }), 422, [
        ApiErrorCode.CodeNotFound,
        ApiErrorCode.CodeInvalid,
      ]);
    });

    it('accepts an app code once: the activation code and a sign-in code cannot be replayed', async () => {
      const user = aUser();
      // The very code that activated the app, not one computed again: a step boundary may have
      // passed since, and the code of the new step is rightly accepted.
      const { secret, activationCode } = await setUpTotp(user);

      const pending = await signInPendingMfa(app, user);
      expectError(
        await pending.post('/api/mfa/verify/totp', { code: activationCode }),
        422,
        ApiErrorCode.CodeInvalid,
      );

      app.clock.advanceSeconds(30);
      const code = totp(secret, app.clock.now());
      const racers = [await signInPendingMfa(app, user), await signInPendingMfa(app, user)];
      const answers = await Promise.all(
        [...racers, pending].map((b) => b.post('/api/mfa/verify/totp', { code })),
      );
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      for (const refused of answers.filter((r) => r.status !== 200)) {
        expectError(refused, 422, ApiErrorCode.CodeInvalid);
      }
    });

    it('refuses codes two steps away and malformed codes', async () => {
      const user = aUser();
      const { secret } = await setUpTotp(user);
      const pending = await signInPendingMfa(app, user);
      const now = app.clock.now().getTime();
      for (const at of [now - 61_000, now + 61_000]) {
        const code = totp(secret, new Date(at));
        expectError(
          await pending.post('/api/mfa/verify/totp', { code }),
          422,
          ApiErrorCode.CodeInvalid,
        );
      }
      const tail = totp(secret, new Date(now + 30_000)).slice(1);
      for (const code of [`${tail}x`, ` ${tail}`, `+${tail}`]) {
        expectError(
          await pending.post('/api/mfa/verify/totp', { code }),
          400,
          ApiErrorCode.ValidationFailed,
        );
      }
    });

    it('never shows the secret again after setup, and turning the app off needs a current code', async () => {
      const user = aUser();
      const { browser, secret } = await setUpTotp(user);
      expect((await browser.get('/api/two-factor')).text).not.toContain(secret);
      expect((await browser.get('/api/account')).text).not.toContain(secret);

      expectError(
        await browser.post('/api/two-factor/totp/disable', {
          proof: TotpDisableProof.Totp,
          code: wrongCodeFor(totp(secret, app.clock.now())),
        }),
        422,
        ApiErrorCode.CodeInvalid,
      );
      expectError(
        await browser.post('/api/two-factor/totp/disable', {
          proof: TotpDisableProof.Email,
          code: '123456',
        }),
        422,
        [ApiErrorCode.CodeNotFound, ApiErrorCode.CodeInvalid],
      );
      // Email 2FA cannot be pulled out from under the app.
      expectError(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
        409,
        ApiErrorCode.MfaAlreadyEnabled,
      );
      const status = await browser.get('/api/two-factor');
      expect(status.body.methods).toContain('totp');
    });

    it('refuses the TOTP route to a user without the app, and to a session that is not pending', async () => {
      const user = aUser();
      const signedIn = await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      expectError(
        await pending.post('/api/mfa/verify/totp', { code: '123456' }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
      expectError(
        await signedIn.post('/api/mfa/verify/totp', { code: '123456' }),
        403,
        ApiErrorCode.WrongSessionState,
      );
    });
  });

  describe('secrecy over everything above', () => {
    it('mailed codes during the attacks', () => {
      expect(codesSeen.length).toBeGreaterThan(5);
    });

    it('never put a code in a response, nor a TOTP secret outside its one setup answer', () => {
      for (const code of codesSeen) {
        for (const response of app.responses) {
          expect(response.body).not.toContain(`"${code}"`);
          expect(response.headers).not.toContain(code);
        }
      }
      expect(totpSecrets.length).toBeGreaterThan(0);
      for (const secret of totpSecrets) {
        expect(app.responses.filter((r) => r.body.includes(secret))).toHaveLength(1);
        expect(app.responses.some((r) => r.headers.includes(secret))).toBe(false);
      }
    });

    it('never logged a code or TOTP secret, even at verbose level', () => {
      for (const secret of [...codesSeen, ...totpSecrets]) {
        expect(logger.text).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`));
      }
    });

    it('never logged a 500', () => {
      expect(logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
    });
  });
});

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
