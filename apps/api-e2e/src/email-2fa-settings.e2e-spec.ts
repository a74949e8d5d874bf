import {
  ApiErrorCode,
  EmailOtpPurpose,
  MfaMethod,
  type EmailOtpSentResponse,
  type TwoFactorStatus,
} from '@twofold/shared/contracts';
import { hasCode } from './support/mail-capture';
import {
  account,
  aUser,
  enableEmail2fa,
  expectError,
  expectStatus,
  signIn,
  signUp,
  signUpWithEmail2fa,
} from './support/flows';
import { TestApp } from './support/test-app';

describe('turning email 2FA on and off in Two Factor Settings', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('email_2fa_settings');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows email 2FA as off for a new account', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.get('/api/two-factor');

    expectStatus(response, 200);
    expect(response.body).toMatchObject({ enabled: false, methods: [] });
  });

  it('mails a code to the registered address and tells where, masked, and until when', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    const before = app.clock.now().getTime();

    const response = await browser.post('/api/two-factor/email/send', {
      purpose: EmailOtpPurpose.EnableEmail,
    });

    expectStatus(response, 200);
    const sent = response.body as EmailOtpSentResponse;
    expect(sent.sentTo).not.toContain(user.email);
    expect(sent.sentTo).toMatch(/@example\.test$/);
    expect(Date.parse(sent.expiresAt) - before).toBeGreaterThanOrEqual(10 * 60_000 - 5_000);
    expect(Date.parse(sent.expiresAt) - before).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    expect(Date.parse(sent.resendAvailableAt) - before).toBeGreaterThanOrEqual(55_000);
    expect(Date.parse(sent.resendAvailableAt) - before).toBeLessThanOrEqual(65_000);

    const mail = await app.mail.nextMail(user.email, { where: hasCode });
    expect(mail.text).toMatch(/(?<!\d)\d{6}(?!\d)/);
    expect(mail.html).toMatch(/(?<!\d)\d{6}(?!\d)/);
    expect(mail.from).toMatch(/@/);
  });

  it('turns email 2FA on with the mailed code, and tells the owner by mail', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    expectStatus(
      await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail }),
      200,
    );
    const code = await app.mail.nextCode(user.email);

    const response = await browser.post('/api/two-factor/email/enable', { code });

    expectStatus(response, 200);
    expect(response.body).toMatchObject<Partial<TwoFactorStatus>>({
      enabled: true,
      methods: [MfaMethod.Email],
    });
    expect((await browser.get('/api/two-factor')).body).toMatchObject({
      enabled: true,
      methods: [MfaMethod.Email],
    });
    expect((await account(browser)).twoFactor.methods).toEqual([MfaMethod.Email]);

    const notice = await app.mail.nextMail(user.email, { where: (mail) => !hasCode(mail) });
    expect(`${notice.subject}\n${notice.text}`).not.toContain(code);
  });

  it('keeps the session signed in after turning 2FA on', async () => {
    const user = aUser();
    const browser = await signUp(app, user);

    await enableEmail2fa(app, browser, user);

    expectStatus(await browser.get('/api/account'), 200);
  });

  it('refuses a malformed code without burning a try', async () => {
    const user = aUser();
    const browser = await signUp(app, user);
    await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail });
    const code = await app.mail.nextCode(user.email);

    for (const bad of ['12345', '1234567', '12345a', ' 12345', '+12345', '', '１２３４５６']) {
      expectError(
        await browser.post('/api/two-factor/email/enable', { code: bad }),
        400,
        ApiErrorCode.ValidationFailed,
      );
    }
    expectError(
      await browser.post('/api/two-factor/email/enable', { code: Number(code) }),
      400,
      ApiErrorCode.ValidationFailed,
    );

    expectStatus(await browser.post('/api/two-factor/email/enable', { code }), 200);
  });

  it('refuses an unknown purpose', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.post('/api/two-factor/email/send', { purpose: 'make-admin' });

    expectError(response, 400, ApiErrorCode.ValidationFailed);
  });

  it('refuses to turn email 2FA on twice', async () => {
    const user = aUser();
    const browser = await signUpWithEmail2fa(app, user);
    app.clock.advanceSeconds(61);

    const send = await browser.post('/api/two-factor/email/send', {
      purpose: EmailOtpPurpose.EnableEmail,
    });

    expectError(send, 409, ApiErrorCode.MfaAlreadyEnabled);
  });

  it('turns email 2FA off only with a fresh code of purpose disable-email, and tells the owner', async () => {
    const user = aUser();
    const browser = await signUpWithEmail2fa(app, user);
    app.clock.advanceSeconds(61);
    await app.mail.nextMail(user.email, { where: (mail) => !hasCode(mail) });

    expectError(await browser.post('/api/two-factor/email/disable', { code: '000000' }), 422, [
      ApiErrorCode.CodeNotFound,
      ApiErrorCode.CodeInvalid,
    ]);

    expectStatus(
      await browser.post('/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }),
      200,
    );
    const code = await app.mail.nextCode(user.email);
    const response = await browser.post('/api/two-factor/email/disable', { code });

    expectStatus(response, 200);
    expect(response.body).toMatchObject({ enabled: false, methods: [] });
    expect((await browser.get('/api/two-factor')).body).toMatchObject({ enabled: false });
    const notice = await app.mail.nextMail(user.email, { where: (mail) => !hasCode(mail) });
    expect(notice.text).not.toContain(code);

    const again = await app.openBrowser();
    const login = await signIn(again, user);
    expect(login.body.state).toBe('authenticated');
  });

  it('refuses to turn off a 2FA that is not on', async () => {
    const browser = await signUp(app, aUser());

    const response = await browser.post('/api/two-factor/email/send', {
      purpose: EmailOtpPurpose.DisableEmail,
    });

    expectError(response, 409, ApiErrorCode.MfaNotEnabled);
  });
});
