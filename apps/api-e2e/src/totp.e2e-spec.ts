import {
  ApiErrorCode,
  EmailOtpPurpose,
  MfaMethod,
  SessionState,
  TotpDisableProof,
  type TotpSetupResponse,
} from '@twofold/shared/contracts';
import jsQR from 'jsqr';
import * as OTPAuth from 'otpauth';
import { PNG } from 'pngjs';
import type { Browser } from './support/browser';
import {
  account,
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
import { RecordingLogger } from './support/recording-logger';
import { TestApp } from './support/test-app';

const STEP_MS = 30_000;
const REUSED = 'This code was already used. Wait for the next one in your app.';

/** The code an authenticator app shows at `at`, from an RFC 6238 implementation not the server's. */
function appCode(secret: string, at: Date): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp: at.getTime() });
}

/** What a phone camera reads from the QR image. */
function decodeQr(dataUrl: string): string {
  const [, base64 = ''] = /^data:image\/png;base64,(.+)$/.exec(dataUrl) ?? [];
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const decoded = jsQR(Uint8ClampedArray.from(png.data), png.width, png.height);
  if (!decoded) {
    throw new Error('The QR code does not decode');
  }
  return decoded.data;
}

describe('authenticator apps (TOTP)', () => {
  const logger = new RecordingLogger();
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('totp', { logger });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The server's clock, one second into a fresh 30-second step, so a test has ~29 s per step. */
  function settleIntoStep(): void {
    const into = app.clock.now().getTime() % STEP_MS;
    app.clock.advance(STEP_MS - into + 1_000);
  }

  const codeNow = (secret: string, offsetSteps = 0) =>
    appCode(secret, new Date(app.clock.now().getTime() + offsetSteps * STEP_MS));

  async function emailCode(browser: Browser, user: TestUser, purpose: EmailOtpPurpose) {
    expectStatus(await browser.post('/api/two-factor/email/send', { purpose }), 200);
    return app.mail.nextCode(user.email);
  }

  async function startSetup(browser: Browser, user: TestUser): Promise<TotpSetupResponse> {
    const code = await emailCode(browser, user, EmailOtpPurpose.EnableTotp);
    const response = await browser.post('/api/two-factor/totp/setup', { code });
    expectStatus(response, 200);
    return response.body as TotpSetupResponse;
  }

  /** Email 2FA, then the app: set up and confirmed. Returns the secret the app holds. */
  async function userWithApp(): Promise<{ user: TestUser; browser: Browser; secret: string }> {
    const user = aUser('totp');
    const browser = await signUpWithEmail2fa(app, user);
    const { secret } = await startSetup(browser, user);
    settleIntoStep();
    expectStatus(
      await browser.post('/api/two-factor/totp/activate', { code: codeNow(secret) }),
      200,
    );
    // Sign-ins come later than the confirmation, in a step of their own.
    settleIntoStep();
    return { user, browser, secret };
  }

  const noticeTo = (user: TestUser, subject: RegExp) =>
    app.mail.nextMail(user.email, { where: (mail) => subject.test(mail.subject) });

  describe('setup', () => {
    it('lets the SPA show the QR image: the CSP allows data: images', async () => {
      const response = await app.browser().get('/api/health');

      expect(response.headers['content-security-policy']).toMatch(/img-src 'self' data:/);
    });

    it('is refused before email 2FA is on', async () => {
      const user = aUser('totp');
      const browser = await signUp(app, user);

      expectError(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableTotp }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
      expectError(
        await browser.post('/api/two-factor/totp/setup', { code: '123456' }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
    });

    it('is refused without a verified emailed code, and gives away no secret', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);

      const withoutCode = await browser.post('/api/two-factor/totp/setup', { code: '123456' });
      const emailed = await emailCode(browser, user, EmailOtpPurpose.EnableTotp);
      const wrongCode = await browser.post('/api/two-factor/totp/setup', {
        code: wrongCodeFor(emailed),
      });

      expectError(withoutCode, 422, ApiErrorCode.CodeNotFound);
      expectError(wrongCode, 422, ApiErrorCode.CodeInvalid);
      for (const response of [withoutCode, wrongCode]) {
        expect(response.body.secret).toBeUndefined();
        expect(response.text).not.toMatch(/otpauth|[A-Z2-7]{32}/);
      }
    });

    it('is refused to a session that has not passed its second factor', async () => {
      const user = aUser('totp');
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);

      expectError(
        await pending.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableTotp }),
        403,
        ApiErrorCode.WrongSessionState,
      );
      expectError(
        await pending.post('/api/two-factor/totp/setup', { code: '123456' }),
        403,
        ApiErrorCode.WrongSessionState,
      );
      expectError(
        await pending.post('/api/two-factor/totp/activate', { code: '123456' }),
        403,
        ApiErrorCode.WrongSessionState,
      );
      expectError(
        await app
          .openBrowser()
          .then((anonymous) => anonymous.post('/api/two-factor/totp/setup', { code: '123456' })),
        401,
        ApiErrorCode.Unauthenticated,
      );
    });

    it('hands out a key URI an authenticator app reads, and a QR code that carries it', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);

      const setup = await startSetup(browser, user);

      const url = new URL(setup.keyUri);
      expect(url.protocol).toBe('otpauth:');
      expect(url.host).toBe('totp');
      expect(decodeURIComponent(url.pathname.slice(1))).toBe(`Twofold:${user.username}`);
      expect(url.searchParams.get('issuer')).toBe('Twofold');
      expect(url.searchParams.get('secret')).toBe(setup.secret);
      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(OTPAuth.Secret.fromBase32(setup.secret).bytes).toHaveLength(20);

      const parsed = OTPAuth.URI.parse(setup.keyUri) as OTPAuth.TOTP;
      expect(parsed).toBeInstanceOf(OTPAuth.TOTP);
      expect(parsed.issuer).toBe('Twofold');
      expect(parsed.label).toBe(user.username);
      expect(parsed.secret.base32).toBe(setup.secret);
      expect(parsed.algorithm).toBe('SHA1');
      expect(parsed.digits).toBe(6);
      expect(parsed.period).toBe(30);

      expect(decodeQr(setup.qrCodeDataUrl)).toBe(setup.keyUri);
      expect(Date.parse(setup.expiresAt) - app.clock.now().getTime()).toBeGreaterThan(14 * 60_000);
      expect(Date.parse(setup.expiresAt) - app.clock.now().getTime()).toBeLessThanOrEqual(
        15 * 60_000,
      );
    });

    it('turns the app on only after a code from it, and tells the owner', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);
      const { secret } = await startSetup(browser, user);
      settleIntoStep();

      expect((await browser.get('/api/two-factor')).body.methods).toEqual([MfaMethod.Email]);
      expectError(
        await browser.post('/api/two-factor/totp/activate', {
          code: wrongCodeFor(codeNow(secret)),
        }),
        422,
        ApiErrorCode.CodeInvalid,
      );
      expect((await browser.get('/api/two-factor')).body.methods).toEqual([MfaMethod.Email]);
      const login = await signIn(await app.openBrowser(), user);
      expect(login.body.methods).toEqual([MfaMethod.Email]);

      const response = await browser.post('/api/two-factor/totp/activate', {
        code: codeNow(secret),
      });

      expectStatus(response, 200);
      expect(response.body).toMatchObject({
        enabled: true,
        methods: [MfaMethod.Email, MfaMethod.Totp],
      });
      expect((await account(browser)).twoFactor.methods).toEqual([MfaMethod.Email, MfaMethod.Totp]);
      const notice = await noticeTo(user, /authenticator app \(TOTP\) was turned on/);
      expect(notice.text).not.toContain(secret);
      // After activation the secret never leaves the server again.
      const later = [await browser.get('/api/two-factor'), await browser.get('/api/account')];
      for (const seen of later) {
        expect(seen.text).not.toContain(secret);
      }
    });

    it('lets the unconfirmed secret expire after 15 minutes', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);
      const { secret } = await startSetup(browser, user);

      app.clock.advanceMinutes(15);
      app.clock.advanceSeconds(1);

      expectError(
        await browser.post('/api/two-factor/totp/activate', { code: codeNow(secret) }),
        422,
        ApiErrorCode.CodeExpired,
      );
      expectError(
        await browser.post('/api/two-factor/totp/activate', { code: codeNow(secret) }),
        422,
        ApiErrorCode.CodeNotFound,
      );
    });

    it('replaces the pending secret on a second setup, but never the active one', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);
      const first = await startSetup(browser, user);
      app.clock.advanceSeconds(61);
      const second = await startSetup(browser, user);
      settleIntoStep();

      expect(second.secret).not.toBe(first.secret);
      expectError(
        await browser.post('/api/two-factor/totp/activate', { code: codeNow(first.secret) }),
        422,
        ApiErrorCode.CodeInvalid,
      );
      expectStatus(
        await browser.post('/api/two-factor/totp/activate', { code: codeNow(second.secret) }),
        200,
      );

      app.clock.advanceSeconds(61);
      expectError(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableTotp }),
        409,
        ApiErrorCode.MfaAlreadyEnabled,
      );
      expectError(
        await browser.post('/api/two-factor/totp/setup', { code: '123456' }),
        409,
        ApiErrorCode.MfaAlreadyEnabled,
      );
    });

    it('cannot be confirmed once email 2FA was turned off during the setup', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);
      const { secret } = await startSetup(browser, user);
      const disableCode = await emailCode(browser, user, EmailOtpPurpose.DisableEmail);
      expectStatus(await browser.post('/api/two-factor/email/disable', { code: disableCode }), 200);
      settleIntoStep();

      expectError(
        await browser.post('/api/two-factor/totp/activate', { code: codeNow(secret) }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );

      const status = await browser.get('/api/two-factor');
      expect(status.body.methods).toEqual([]);
      expect((await account(browser)).twoFactor.enabled).toBe(false);
    });
  });

  describe('signing in', () => {
    it('offers the app at sign-in and steps the session up with its code', async () => {
      const { user, secret } = await userWithApp();
      const browser = await app.openBrowser();
      const login = await signIn(browser, user);
      expect(login.body).toMatchObject({
        state: SessionState.PendingMfa,
        methods: [MfaMethod.Email, MfaMethod.Totp],
      });
      const pendingCookie = browser.sessionCookie;

      const response = await browser.post('/api/mfa/verify/totp', { code: codeNow(secret) });

      expectStatus(response, 200);
      expect(response.body.state).toBe(SessionState.Authenticated);
      expect(browser.sessionCookie).not.toBe(pendingCookie);
      expect((await account(browser)).username).toBe(user.username);
    });

    it('accepts codes one step either side of the server clock, and refuses two steps', async () => {
      const { user, secret } = await userWithApp();
      const attempt = async (code: string) =>
        (await signInPendingMfa(app, user)).post('/api/mfa/verify/totp', { code });

      // The phone is two steps behind, then two steps ahead.
      const code = codeNow(secret);
      app.clock.advance(-2 * STEP_MS);
      const twoAhead = await attempt(code);
      app.clock.advance(4 * STEP_MS);
      const twoBehind = await attempt(code);
      // One step ahead, then (with a newer code) one step behind: both accepted.
      const nextCode = codeNow(secret);
      app.clock.advance(-STEP_MS);
      const oneAhead = await attempt(nextCode);
      app.clock.advance(2 * STEP_MS);
      const laterCode = codeNow(secret);
      app.clock.advance(STEP_MS);
      const oneBehind = await attempt(laterCode);

      expectError(twoAhead, 422, ApiErrorCode.CodeInvalid);
      expectError(twoBehind, 422, ApiErrorCode.CodeInvalid);
      expect(twoAhead.body.message).not.toBe(REUSED);
      expect(twoBehind.body.message).not.toBe(REUSED);
      expectStatus(oneAhead, 200);
      expectStatus(oneBehind, 200);
    });

    it('refuses a code that was already used, logs it and tells the owner', async () => {
      const { user, browser, secret } = await userWithApp();
      const { id } = await account(browser);
      const code = codeNow(secret);
      expectStatus(
        await (await signInPendingMfa(app, user)).post('/api/mfa/verify/totp', { code }),
        200,
      );

      const replay = await (
        await signInPendingMfa(app, user)
      ).post('/api/mfa/verify/totp', {
        code,
      });

      expectError(replay, 422, ApiErrorCode.CodeInvalid);
      expect(replay.body.message).toBe(REUSED);
      const notice = await noticeTo(user, /already used sign-in code was tried again/);
      expect(notice.text).toContain('It was refused.');
      const warning = logger.lines.find(
        (line) =>
          line.startsWith('warn') && line.includes(`reused authenticator code for user ${id}`),
      );
      expect(warning).toMatch(/ip \S+/);
      expect(warning).not.toContain(code);
    });

    it('lets exactly one of 20 concurrent requests with one valid code through', async () => {
      const { user, secret } = await userWithApp();
      const browsers: Browser[] = [];
      for (let i = 0; i < 20; i++) {
        browsers.push(await signInPendingMfa(app, user));
      }
      const code = codeNow(secret);

      const responses = await Promise.all(
        browsers.map((browser) => browser.post('/api/mfa/verify/totp', { code })),
      );

      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 200)) {
        expectError(response, 422, ApiErrorCode.CodeInvalid);
      }
    });

    it('steps one pending session up once, even with two valid codes of neighbouring steps', async () => {
      const { user, secret } = await userWithApp();
      const pending = await signInPendingMfa(app, user);

      const responses = await Promise.all(
        [codeNow(secret), codeNow(secret, 1)].map((code) =>
          pending.copy().post('/api/mfa/verify/totp', { code }),
        ),
      );

      expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
      expect(responses.every((response) => response.status < 500)).toBe(true);
      const owner = await signInPendingMfa(app, user);
      settleIntoStep();
      settleIntoStep();
      expectStatus(await owner.post('/api/mfa/verify/totp', { code: codeNow(secret) }), 200);
      // The sign-up session, the one that won the race and this one: no fourth.
      expect((await owner.get('/api/auth/sessions')).body).toEqual({ otherSessions: 2 });
    });

    it('refuses malformed codes before looking at them, and wrong ones after', async () => {
      const { user, secret } = await userWithApp();
      const browser = await signInPendingMfa(app, user);
      const code = codeNow(secret);
      const tail = code.slice(1);

      for (const malformed of [
        `${tail}x`,
        ` ${tail}`,
        `+${tail}`,
        `${code}0`,
        tail,
        '',
        '12345x',
      ]) {
        expectError(
          await browser.post('/api/mfa/verify/totp', { code: malformed }),
          400,
          ApiErrorCode.ValidationFailed,
        );
      }
      expectError(
        await browser.post('/api/mfa/verify/totp', { code: Number(code) }),
        400,
        ApiErrorCode.ValidationFailed,
      );
      expectError(
        await browser.post('/api/mfa/verify/totp', { code: wrongCodeFor(code) }),
        422,
        ApiErrorCode.CodeInvalid,
      );

      expectStatus(await browser.post('/api/mfa/verify/totp', { code }), 200);
    });

    it('is not reachable by a session without the app, nor by a signed-in one', async () => {
      const user = aUser('totp');
      const browser = await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);

      expectError(
        await pending.post('/api/mfa/verify/totp', { code: '123456' }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
      expectError(
        await browser.post('/api/mfa/verify/totp', { code: '123456' }),
        403,
        ApiErrorCode.WrongSessionState,
      );
    });
  });

  describe('turning it off', () => {
    it('keeps email 2FA on while the app builds on it', async () => {
      const { browser } = await userWithApp();
      app.clock.advanceSeconds(61);

      const response = await browser.post('/api/two-factor/email/send', {
        purpose: EmailOtpPurpose.DisableEmail,
      });

      expectStatus(response, 409);
      expect(response.body.message).toMatch(/Turn off the authenticator app first/);
    });

    it('takes a current code from the app, deletes the secret and tells the owner', async () => {
      const { user, browser, secret } = await userWithApp();
      const code = codeNow(secret);
      expectStatus(
        await (await signInPendingMfa(app, user)).post('/api/mfa/verify/totp', { code }),
        200,
      );

      const reused = await browser.post('/api/two-factor/totp/disable', {
        proof: TotpDisableProof.Totp,
        code,
      });
      const response = await browser.post('/api/two-factor/totp/disable', {
        proof: TotpDisableProof.Totp,
        code: codeNow(secret, 1),
      });

      expectError(reused, 422, ApiErrorCode.CodeInvalid);
      expect(reused.body.message).toBe(REUSED);
      expectStatus(response, 200);
      expect(response.body).toMatchObject({ enabled: true, methods: [MfaMethod.Email] });
      await noticeTo(user, /authenticator app \(TOTP\) was turned off/);
      const login = await signIn(await app.openBrowser(), user);
      expect(login.body.methods).toEqual([MfaMethod.Email]);
      expectError(
        await (
          await signInPendingMfa(app, user)
        ).post('/api/mfa/verify/totp', {
          code: codeNow(secret, 1),
        }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
    });

    it('takes a fresh emailed disable-totp code instead', async () => {
      const { user, browser } = await userWithApp();

      const code = await emailCode(browser, user, EmailOtpPurpose.DisableTotp);
      const wrongProof = await browser.post('/api/two-factor/totp/disable', {
        proof: TotpDisableProof.Totp,
        code,
      });
      const response = await browser.post('/api/two-factor/totp/disable', {
        proof: TotpDisableProof.Email,
        code,
      });

      expectError(wrongProof, 422, ApiErrorCode.CodeInvalid);
      expectStatus(response, 200);
      expect(response.body.methods).toEqual([MfaMethod.Email]);
      await noticeTo(user, /authenticator app \(TOTP\) was turned off/);

      app.clock.advanceSeconds(61);
      expectError(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableTotp }),
        409,
        ApiErrorCode.MfaNotEnabled,
      );
      expectStatus(
        await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
        200,
      );
    });

    it('refuses an unknown proof and a missing code', async () => {
      const { browser, secret } = await userWithApp();

      expectError(
        await browser.post('/api/two-factor/totp/disable', {
          proof: 'password',
          code: codeNow(secret),
        }),
        400,
        ApiErrorCode.ValidationFailed,
      );
      expectError(
        await browser.post('/api/two-factor/totp/disable', { proof: TotpDisableProof.Totp }),
        400,
        ApiErrorCode.ValidationFailed,
      );
    });
  });
});
