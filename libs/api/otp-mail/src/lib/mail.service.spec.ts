import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EmailOtpPurpose, MfaMethod } from '@twofold/shared/contracts';
import { EmbeddedMailCatcher } from './mail-catcher/embedded-mail-catcher';
import { MailUnavailableError } from './mail-unavailable.error';
import { MailService } from './mail.service';
import { OtpMailModule } from './otp-mail.module';
import { OtpMailOptions } from './otp-mail.options';

const options = (smtpUrl: string): OtpMailOptions => ({
  appName: 'Twofold',
  appUrl: 'http://localhost:3000',
  supportEmail: 'support@twofold.localhost',
  from: 'Twofold <no-reply@twofold.localhost>',
  smtpUrl,
});

async function createSut(
  smtpUrl: string,
): Promise<{ sut: MailService; close: () => Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [OtpMailModule.forRoot(options(smtpUrl))],
  }).compile();
  return { sut: moduleRef.get(MailService), close: () => moduleRef.close() };
}

/** A port on which nothing listens: take a free one and let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

const otpRequest = {
  userId: 'user-1',
  to: 'alice@example.com',
  username: 'alice',
  code: '246810',
  purpose: EmailOtpPurpose.SignIn,
  expiresInMinutes: 10,
};

describe(MailService.name, () => {
  afterEach(() => jest.restoreAllMocks());

  describe('with a mail server that accepts', () => {
    const catcher = new EmbeddedMailCatcher({ smtpPort: 0, webPort: 0 });
    let sut: MailService;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const { smtpUrl } = await catcher.start();
      ({ sut, close } = await createSut(smtpUrl));
    });

    afterAll(async () => {
      await close();
      await catcher.stop();
    });

    beforeEach(() => catcher.clear());

    it('delivers the code from the configured sender, as HTML and plain text', async () => {
      await sut.sendOtp(otpRequest);

      const [mail] = catcher.messages;
      expect(mail.to).toEqual(['alice@example.com']);
      expect(mail.from).toBe('"Twofold" <no-reply@twofold.localhost>');
      expect(mail.subject).toBe('Twofold: your code to sign in');
      expect(mail.text).toContain('246810');
      expect(mail.html).toContain('246810');
    });

    it('delivers a security notice', async () => {
      await sut.sendSecurityNotice({
        userId: 'user-1',
        to: 'alice@example.com',
        username: 'alice',
        event: 'factor-removed',
        method: MfaMethod.Email,
      });

      expect(catcher.messages[0].subject).toBe(
        'Twofold: email two-factor authentication was turned off',
      );
    });

    it('reports the mail server as up', async () => {
      await expect(sut.mailHealth()).resolves.toBe('up');
    });
  });

  describe('with a mail server that is down', () => {
    let sut: MailService;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ sut, close } = await createSut(`smtp://127.0.0.1:${await closedPort()}`));
    });

    afterAll(() => close());

    it('throws MailUnavailableError and logs the user id and reason, never the code', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

      await expect(sut.sendOtp(otpRequest)).rejects.toBeInstanceOf(MailUnavailableError);

      expect(logged).toHaveBeenCalledTimes(1);
      const [message] = logged.mock.calls[0] as [string];
      expect(message).toContain('user-1');
      expect(message).toContain('ECONNREFUSED');
      expect(message).not.toContain('246810');
      expect(message).not.toContain('alice@example.com');
    });

    it('throws MailUnavailableError for a security notice without logging it itself', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

      await expect(
        sut.sendSecurityNotice({
          userId: 'user-1',
          to: 'alice@example.com',
          username: 'alice',
          event: 'factor-added',
          method: MfaMethod.Email,
        }),
      ).rejects.toBeInstanceOf(MailUnavailableError);
      expect(logged).not.toHaveBeenCalled();
    });

    it('reports the mail server as down', async () => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await expect(sut.mailHealth()).resolves.toBe('down');
    });
  });
});
