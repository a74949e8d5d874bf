import { ApiErrorCode, EmailOtpPurpose } from '@twofold/shared/contracts';
import type { Browser } from './support/browser';
import {
  aUser,
  expectError,
  expectStatus,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
  type TestUser,
} from './support/flows';
import { TestApp } from './support/test-app';

describe('when the mail server is down or refuses', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('mail_outage');
  });

  afterEach(async () => {
    app.mail.refuseMail(false);
    if (!app.mail.running) {
      await app.mail.comeBack();
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  const sendEnable = (browser: Browser) =>
    browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail });

  async function enableCode(browser: Browser, user: TestUser): Promise<string> {
    expectStatus(await sendEnable(browser), 200);
    return app.mail.nextCode(user.email);
  }

  it('says 503 mail_unavailable when the server is down, and starts no cooldown', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    await app.mail.goDown();

    const response = await sendEnable(browser);

    expectError(response, 503, ApiErrorCode.MailUnavailable);
    await app.mail.comeBack();
    await enableCode(browser, user);
  });

  it('keeps the previous code valid when the new one could not be sent', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    const code = await enableCode(browser, user);
    app.clock.advanceSeconds(61);
    await app.mail.goDown();

    expectError(await sendEnable(browser), 503, ApiErrorCode.MailUnavailable);

    await app.mail.comeBack();
    expectStatus(await browser.post('/api/two-factor/email/enable', { code }), 200);
  });

  it('says 503 when the server refuses the message, and changes nothing', async () => {
    const user = aUser();
    await signUpWithEmail2fa(app, user);
    const browser = await signInPendingMfa(app, user);
    expectStatus(await browser.post('/api/mfa/verify/email/send'), 200);
    const code = await app.mail.nextCode(user.email);
    app.clock.advanceSeconds(61);
    app.mail.refuseMail(true);

    expectError(
      await browser.post('/api/mfa/verify/email/send'),
      503,
      ApiErrorCode.MailUnavailable,
    );
    expectError(
      await browser.post('/api/mfa/verify/email/send'),
      503,
      ApiErrorCode.MailUnavailable,
    );

    app.mail.refuseMail(false);
    expectStatus(await browser.post('/api/mfa/verify/email', { code }), 200);
  });

  it('reports the mail connection as down on /api/health while the server is away', async () => {
    await app.mail.goDown();

    const response = await app.browser().get('/api/health');

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', database: 'up', mail: 'down' });

    await app.mail.comeBack();
    const recovered = await app.browser().get('/api/health');
    expectStatus(recovered, 200);
    expect(recovered.body).toMatchObject({ status: 'ok', mail: 'up' });
  });
});
