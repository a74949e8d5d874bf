import { EmailOtpPurpose } from '@twofold/shared/contracts';
import {
  aUser,
  enableEmail2fa,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUp,
  wrongCodeFor,
} from './support/flows';
import { codeIn, hasCode } from './support/mail-capture';
import { RecordingLogger } from './support/recording-logger';
import { TestApp } from './support/test-app';

/** A six-digit code as a whole token, so a longer number that happens to contain it is no match. */
const asToken = (code: string) => new RegExp(`(?<!\\d)${code}(?!\\d)`);

describe('codes, passwords and session ids never leak', () => {
  const logger = new RecordingLogger();
  let app: TestApp;
  const sessionIds = new Set<string>();
  const passwords: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start('secrecy', { logger });

    // Every path a code travels: enable, a wrong try, sign-in, a cooldown, disable.
    const user = aUser();
    const browser = await signUp(app, user);
    sessionIds.add(browser.sessionCookie ?? '');
    await enableEmail2fa(app, browser, user);
    expectStatus(await browser.post('/api/auth/logout'), 204);

    await signIn(await app.openBrowser(), { ...user, password: 'not-the-password-1' });
    const pending = await signInPendingMfa(app, user);
    sessionIds.add(pending.sessionCookie ?? '');
    expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
    await pending.post('/api/mfa/verify/email/send');
    const code = await app.mail.nextCode(user.email);
    await pending.post('/api/mfa/verify/email', { code: wrongCodeFor(code) });
    expectStatus(await pending.post('/api/mfa/verify/email', { code }), 200);
    sessionIds.add(pending.sessionCookie ?? '');
    await pending.post('/api/mfa/verify/email', { code });

    app.clock.advanceSeconds(61);
    expectStatus(
      await pending.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
      200,
    );
    const disableCode = await app.mail.nextCode(user.email);
    expectStatus(await pending.post('/api/two-factor/email/disable', { code: disableCode }), 200);

    passwords.push(user.password, 'not-the-password-1');
  });

  afterAll(async () => {
    await app?.close();
  });

  function codesSent(): string[] {
    return app.mail.all.filter(hasCode).map(codeIn);
  }

  it('mailed at least the three codes of the flow', () => {
    expect(codesSent().length).toBeGreaterThanOrEqual(3);
  });

  it('never puts a code in a response body or header', () => {
    for (const code of codesSent()) {
      for (const response of app.responses) {
        expect(response.body).not.toMatch(asToken(code));
        expect(response.headers).not.toMatch(asToken(code));
      }
    }
  });

  it('did log the security events it saw', () => {
    expect(logger.lines.length).toBeGreaterThan(0);
  });

  it('never logs a code', () => {
    for (const code of codesSent()) {
      expect(logger.text).not.toMatch(asToken(code));
    }
  });

  it('never logs a password', () => {
    for (const password of passwords) {
      expect(logger.text).not.toContain(password);
    }
  });

  it('never logs a session id', () => {
    for (const id of sessionIds) {
      expect(id).not.toBe('');
      expect(logger.text).not.toContain(id);
    }
  });

  it('never answers with a password or a hash', () => {
    for (const response of app.responses) {
      for (const password of passwords) {
        expect(response.body).not.toContain(password);
      }
      expect(response.body).not.toMatch(/\$argon2id\$/);
    }
  });
});
