import { ApiErrorCode, EmailOtpPurpose, SessionState } from '@twofold/shared/contracts';
import type { Browser } from './support/browser';
import {
  aUser,
  expectError,
  expectStatus,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
  wrongCodeFor,
  type TestUser,
} from './support/flows';
import { TestApp } from './support/test-app';

const COOLDOWN_PASSED_S = 61;

describe('the rules of an emailed code', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('otp_rules');
  });

  afterAll(async () => {
    await app?.close();
  });

  async function sendEnableCode(browser: Browser, user: TestUser): Promise<string> {
    expectStatus(
      await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail }),
      200,
    );
    return app.mail.nextCode(user.email);
  }

  async function sendDisableCode(browser: Browser, user: TestUser): Promise<string> {
    expectStatus(
      await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
      200,
    );
    return app.mail.nextCode(user.email);
  }

  async function sendSignInCode(browser: Browser, user: TestUser): Promise<string> {
    expectStatus(await browser.post('/api/mfa/verify/email/send'), 200);
    return app.mail.nextCode(user.email);
  }

  describe('expiry', () => {
    it('accepts a code shortly before its 10 minutes are up', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const code = await sendEnableCode(browser, user);

      app.clock.advance(10 * 60_000 - 10_000);

      expectStatus(await browser.post('/api/two-factor/email/enable', { code }), 200);
    });

    it('refuses a code 10 minutes and 1 second after it was sent', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const code = await sendEnableCode(browser, user);

      app.clock.advance(10 * 60_000 + 1_000);

      expectError(
        await browser.post('/api/two-factor/email/enable', { code }),
        422,
        ApiErrorCode.CodeExpired,
      );
      expect((await browser.get('/api/two-factor')).body.enabled).toBe(false);
    });
  });

  describe('single use', () => {
    it('refuses a code the second time, even in the same session and for the same purpose', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const enableCode = await sendEnableCode(browser, user);
      expectStatus(await browser.post('/api/two-factor/email/enable', { code: enableCode }), 200);
      app.clock.advanceSeconds(COOLDOWN_PASSED_S);
      const disableCode = await sendDisableCode(browser, user);
      expectStatus(await browser.post('/api/two-factor/email/disable', { code: disableCode }), 200);

      const reused = await browser.post('/api/two-factor/email/enable', { code: enableCode });

      expectError(reused, 422, ApiErrorCode.CodeNotFound);
      expect((await browser.get('/api/two-factor')).body.enabled).toBe(false);
    });

    it('refuses a used sign-in code in a new sign-in', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const first = await signInPendingMfa(app, user);
      const code = await sendSignInCode(first, user);
      expectStatus(await first.post('/api/mfa/verify/email', { code }), 200);

      const second = await signInPendingMfa(app, user);
      const reused = await second.post('/api/mfa/verify/email', { code });

      expectError(reused, 422, ApiErrorCode.CodeNotFound);
      expect((await second.get('/api/auth/session')).body.state).toBe(SessionState.PendingMfa);
    });
  });

  describe('a newer code supersedes the older', () => {
    it('refuses the old code and accepts the new one', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const oldCode = await sendEnableCode(browser, user);
      app.clock.advanceSeconds(COOLDOWN_PASSED_S);
      const newCode = await sendEnableCode(browser, user);
      expect(newCode).not.toBe(oldCode);

      expectError(await browser.post('/api/two-factor/email/enable', { code: oldCode }), 422, [
        ApiErrorCode.CodeInvalid,
        ApiErrorCode.CodeNotFound,
      ]);
      expectStatus(await browser.post('/api/two-factor/email/enable', { code: newCode }), 200);
    });
  });

  describe('a code is bound to its purpose, user and session', () => {
    it('refuses an enable-email code to turn 2FA off, and a disable-email code to turn it on', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const enableCode = await sendEnableCode(browser, user);

      const wrongPurpose = await browser.post('/api/two-factor/email/disable', {
        code: enableCode,
      });
      expect(wrongPurpose.status).toBeGreaterThanOrEqual(400);
      expect(wrongPurpose.status).toBeLessThan(500);
      expectStatus(await browser.post('/api/two-factor/email/enable', { code: enableCode }), 200);

      app.clock.advanceSeconds(COOLDOWN_PASSED_S);
      const disableCode = await sendDisableCode(browser, user);
      const wrongPurposeAgain = await browser.post('/api/two-factor/email/enable', {
        code: disableCode,
      });
      expect(wrongPurposeAgain.status).toBeGreaterThanOrEqual(400);
      expect(wrongPurposeAgain.status).toBeLessThan(500);
      expect((await browser.get('/api/two-factor')).body.enabled).toBe(true);
      expectStatus(await browser.post('/api/two-factor/email/disable', { code: disableCode }), 200);
    });

    it('refuses a sign-in code for turning 2FA off', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      const signInCode = await sendSignInCode(pending, user);
      const owner = await signInWithCodeFromAnotherSession(user);

      const response = await owner.post('/api/two-factor/email/disable', { code: signInCode });

      expectError(response, 422, [ApiErrorCode.CodeNotFound, ApiErrorCode.CodeInvalid]);
      expect((await owner.get('/api/two-factor')).body.enabled).toBe(true);
    });

    it("refuses another user's code, and both codes still work for their owners", async () => {
      const alice = aUser('alice');
      const bob = aUser('bob');
      const aliceBrowser = await signUp(app, alice);
      const bobBrowser = await signUp(app, bob);
      const aliceCode = await sendEnableCode(aliceBrowser, alice);
      const bobCode = await sendEnableCode(bobBrowser, bob);

      expectError(
        await bobBrowser.post('/api/two-factor/email/enable', { code: aliceCode }),
        422,
        ApiErrorCode.CodeInvalid,
      );

      expectStatus(
        await aliceBrowser.post('/api/two-factor/email/enable', { code: aliceCode }),
        200,
      );
      expectStatus(await bobBrowser.post('/api/two-factor/email/enable', { code: bobCode }), 200);
    });

    it('refuses a code in another session of the same user', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const asked = await signInPendingMfa(app, user);
      const other = await signInPendingMfa(app, user);
      const code = await sendSignInCode(asked, user);

      const response = await other.post('/api/mfa/verify/email', { code });

      expectError(response, 422, [ApiErrorCode.CodeNotFound, ApiErrorCode.CodeInvalid]);
      expect((await other.get('/api/auth/session')).body.state).toBe(SessionState.PendingMfa);
      expectStatus(await asked.post('/api/mfa/verify/email', { code }), 200);
    });
  });

  describe('the resend cooldown', () => {
    it('refuses a second send within 60 s with 429 and retryAfterSeconds, and sends no mail', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const firstCode = await sendEnableCode(browser, user);

      const tooSoon = await browser.post('/api/two-factor/email/send', {
        purpose: EmailOtpPurpose.EnableEmail,
      });

      expectError(tooSoon, 429, ApiErrorCode.ResendCooldown);
      expect(tooSoon.body.retryAfterSeconds).toBeGreaterThan(0);
      expect(tooSoon.body.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(Number(tooSoon.headers['retry-after'])).toBe(tooSoon.body.retryAfterSeconds);
      await app.mail.expectNoNewCode(user.email);

      app.clock.advanceSeconds(30);
      const stillTooSoon = await browser.post('/api/two-factor/email/send', {
        purpose: EmailOtpPurpose.EnableEmail,
      });
      expectError(stillTooSoon, 429, ApiErrorCode.ResendCooldown);
      expect(stillTooSoon.body.retryAfterSeconds).toBeLessThanOrEqual(31);
      await app.mail.expectNoNewCode(user.email);

      // The refused resends left the first code alone.
      expectStatus(await browser.post('/api/two-factor/email/enable', { code: firstCode }), 200);
    });

    it('sends again once the 60 s are over', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const browser = await signInPendingMfa(app, user);
      await sendSignInCode(browser, user);
      expectError(
        await browser.post('/api/mfa/verify/email/send'),
        429,
        ApiErrorCode.ResendCooldown,
      );

      app.clock.advanceSeconds(COOLDOWN_PASSED_S);
      const code = await sendSignInCode(browser, user);

      expectStatus(await browser.post('/api/mfa/verify/email', { code }), 200);
    });
  });

  describe('ten codes an hour per account', () => {
    it('stops mailing a user whom a password holder floods from many sessions', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      app.clock.advanceMinutes(61);
      const sessions = await Promise.all(
        Array.from({ length: 12 }, () => signInPendingMfa(app, user)),
      );

      const answers = await Promise.all(
        sessions.map((session) => session.post('/api/mfa/verify/email/send')),
      );

      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
      for (const refused of answers.filter((answer) => answer.status !== 200)) {
        expectError(refused, 429, ApiErrorCode.ResendCooldown);
        expect(refused.body.retryAfterSeconds).toBeGreaterThan(59 * 60);
      }
      for (let mail = 0; mail < 10; mail++) {
        await app.mail.nextCode(user.email);
      }
      await app.mail.expectNoNewCode(user.email);
    });
  });

  describe('five wrong tries', () => {
    it('kill the code: the sixth attempt fails even with the right code', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const browser = await signInPendingMfa(app, user);
      const code = await sendSignInCode(browser, user);
      const wrong = wrongCodeFor(code);

      for (let attempt = 1; attempt <= 4; attempt += 1) {
        expectError(
          await browser.post('/api/mfa/verify/email', { code: wrong }),
          422,
          ApiErrorCode.CodeInvalid,
        );
      }
      const fifth = await browser.post('/api/mfa/verify/email', { code: wrong });
      expect([422, 429]).toContain(fifth.status);
      expect(fifth.body.message).toMatch(/new|request|another/i);

      const sixth = await browser.post('/api/mfa/verify/email', { code });

      expectError(sixth, 422, ApiErrorCode.CodeNotFound);
      expect((await browser.get('/api/auth/session')).body.state).toBe(SessionState.PendingMfa);
    });

    it('leave the person able to ask for a new code that works', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const browser = await signInPendingMfa(app, user);
      const code = await sendSignInCode(browser, user);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await browser.post('/api/mfa/verify/email', { code: wrongCodeFor(code) });
      }

      app.clock.advanceSeconds(COOLDOWN_PASSED_S);
      const fresh = await sendSignInCode(browser, user);

      expectStatus(await browser.post('/api/mfa/verify/email', { code: fresh }), 200);
    });
  });

  describe('racing verifications', () => {
    it('accept one code exactly once when ten requests carry it at the same time (sign-in)', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const browser = await signInPendingMfa(app, user);
      const code = await sendSignInCode(browser, user);

      const responses = await Promise.all(
        Array.from({ length: 10 }, () => browser.copy().post('/api/mfa/verify/email', { code })),
      );

      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 200)) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }
    });

    it('accept one code exactly once when ten requests carry it at the same time (enable)', async () => {
      const user = aUser();
      const browser = await signUp(app, user);
      const code = await sendEnableCode(browser, user);

      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          browser.copy().post('/api/two-factor/email/enable', { code }),
        ),
      );

      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status >= 500)).toHaveLength(0);
    });
  });

  async function signInWithCodeFromAnotherSession(user: TestUser): Promise<Browser> {
    app.clock.advanceSeconds(COOLDOWN_PASSED_S);
    const browser = await signInPendingMfa(app, user);
    const code = await sendSignInCode(browser, user);
    expectStatus(await browser.post('/api/mfa/verify/email', { code }), 200);
    return browser;
  }
});
