import { Logger } from '@nestjs/common';
import {
  AccountViewsService,
  AuthFailure,
  AuthFailuresService,
  SessionContext,
  SessionRequest,
  SessionsService,
} from '@twofold/api/auth';
import { DomainError, loadAppConfig } from '@twofold/api/core';
import { MailService } from '@twofold/api/otp-mail';
import { User, UsersService } from '@twofold/api/users';
import {
  ApiErrorCode,
  EmailOtpPurpose,
  MfaMethod,
  Role,
  SessionState,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmailOtpChallenge } from './email-otp-challenge.entity';
import { EmailOtpService } from './email-otp.service';
import { MfaMethodEntity } from './mfa-method.entity';
import { MfaMethodsService } from './mfa-methods.service';
import { FakeClock, FakeMailService } from './testing/fakes';
import { TotpCredential, TotpCredentialState } from './totp/totp-credential.entity';
import { TwoFactorService } from './two-factor.service';

const aUser = (username = 'ada'): User => ({
  id: randomUUID(),
  username,
  email: `${username}@example.com`,
  role: Role.User,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
});

const aSession = (user: User, state = SessionState.Authenticated): SessionContext => ({
  id: randomUUID(),
  userId: user.id,
  state,
  createdAt: new Date(),
  expiresAt: new Date(Date.now() + 60 * 60_000),
});

const status = (on: boolean): TwoFactorStatus => ({
  enabled: on,
  methods: on ? [MfaMethod.Email] : [],
  enforcementDate: null,
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a DomainError, but the call succeeded');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(TwoFactorService.name, () => {
  let dataSource: DataSource;
  let mail: FakeMailService;
  let methods: MfaMethodsService;
  let users: Map<string, User>;
  let stepUp: jest.Mock;
  let sut: TwoFactorService;

  beforeEach(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [EmailOtpChallenge, MfaMethodEntity, TotpCredential, AuthFailure, User],
      synchronize: true,
    }).initialize();
    const clock = new FakeClock();
    const config = loadAppConfig({ SESSION_SECRET: 'unit-test-secret-0123456789abcdef' });
    mail = new FakeMailService();
    users = new Map();
    methods = new MfaMethodsService(
      dataSource.getRepository(MfaMethodEntity),
      clock,
      dataSource.getRepository(TotpCredential),
    );
    const usersService = {
      findById: async (id: string) => users.get(id) ?? null,
      toAccountView: (user: User, twoFactor: TwoFactorStatus) => ({
        id: user.id,
        username: user.username,
        email: user.email,
        role: user.role,
        createdAt: user.createdAt.toISOString(),
        twoFactor,
      }),
    } as unknown as UsersService;
    stepUp = jest.fn(
      async (_req: SessionRequest, _res: Response, session: SessionContext, state: SessionState) =>
        ({ ...session, id: randomUUID(), state }) satisfies SessionContext,
    );
    const otp = new EmailOtpService(
      dataSource.getRepository(EmailOtpChallenge),
      mail as unknown as MailService,
      new AuthFailuresService(dataSource.getRepository(AuthFailure), clock),
      config,
      clock,
    );
    sut = new TwoFactorService(
      otp,
      methods,
      usersService,
      { stepUp } as unknown as SessionsService,
      new AccountViewsService(usersService, methods, config),
      mail as unknown as MailService,
      clock,
    );
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
  });

  const signedIn = () => {
    const user = aUser();
    users.set(user.id, user);
    return { user, session: aSession(user) };
  };

  const turnOn = async (session: SessionContext) => {
    await sut.sendSettingsCode(session, EmailOtpPurpose.EnableEmail, null);
    return sut.enableEmail(session, mail.lastSent().code, null);
  };

  describe('turning email 2FA on', () => {
    it('needs an enable-email code, then reports 2FA on and tells the owner', async () => {
      const { user, session } = signedIn();

      const result = await turnOn(session);

      expect(result).toEqual(status(true));
      expect(mail.lastSent()).toMatchObject({ to: user.email, purpose: 'enable-email' });
      expect(mail.notices).toEqual([
        expect.objectContaining({ to: user.email, event: 'factor-added', method: 'email' }),
      ]);
    });

    it('refuses to send an enable code when 2FA is already on', async () => {
      const { session } = signedIn();
      await turnOn(session);

      const error = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.EnableEmail, null),
      );

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaAlreadyEnabled);
    });

    it('does not take a disable-email code to turn 2FA on', async () => {
      const { user, session } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);
      await sut.sendSettingsCode(session, EmailOtpPurpose.DisableEmail, null);
      await methods.disable(user.id, MfaMethod.Email);

      const error = await rejection(sut.enableEmail(session, mail.lastSent().code, null));

      expect(error.code).toBe(ApiErrorCode.CodeNotFound);
      expect(await methods.enabledMethods(user.id)).toEqual([]);
    });

    it('keeps 2FA on when the notice cannot be sent, and logs that at warn', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { user, session } = signedIn();
      mail.failingNotices = true;

      const result = await turnOn(session);

      expect(result.enabled).toBe(true);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`Could not send the factor-added notice to user ${user.id}`),
      );
    });
  });

  describe('turning email 2FA off', () => {
    it('refuses to send a disable code when 2FA is off', async () => {
      const { session } = signedIn();

      const error = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.DisableEmail, null),
      );

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaNotEnabled);
    });

    it('needs a disable-email code, then reports 2FA off and tells the owner', async () => {
      const { user, session } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);
      await sut.sendSettingsCode(session, EmailOtpPurpose.DisableEmail, null);

      const result = await sut.disableEmail(session, mail.lastSent().code, null);

      expect(result).toEqual(status(false));
      expect(mail.notices.map((notice) => notice.event)).toEqual(['factor-removed']);
    });
  });

  describe('signing in with an emailed code', () => {
    it('steps the pending session up to authenticated and answers its view', async () => {
      const { user } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);
      const pending = aSession(user, SessionState.PendingMfa);
      await sut.sendSignInCode(pending, null);

      const view = await sut.verifySignIn(
        {} as SessionRequest,
        {} as Response,
        pending,
        mail.lastSent().code,
        null,
      );

      expect(stepUp).toHaveBeenCalledWith({}, {}, pending, SessionState.Authenticated);
      expect(view).toMatchObject({
        state: SessionState.Authenticated,
        user: { id: user.id, twoFactor: status(true) },
      });
    });

    it('does not step up on a wrong code', async () => {
      const { user } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);
      const pending = aSession(user, SessionState.PendingMfa);
      await sut.sendSignInCode(pending, null);
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const code = mail.lastSent().code;

      const error = await rejection(
        sut.verifySignIn(
          {} as SessionRequest,
          {} as Response,
          pending,
          code === '000000' ? '111111' : '000000',
          null,
        ),
      );

      expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      expect(stepUp).not.toHaveBeenCalled();
    });
  });

  describe('with the authenticator app', () => {
    const activateApp = (userId: string) =>
      dataSource.getRepository(TotpCredential).insert({
        id: randomUUID(),
        userId,
        sealedSecret: 'v1:a:sealed',
        state: TotpCredentialState.Active,
        createdAt: new Date(),
        expiresAt: null,
        activatedAt: new Date(),
        lastUsedStep: null,
      });

    it('mails an enable-totp code only when email 2FA is on and the app is not', async () => {
      const { user, session } = signedIn();

      const emailOff = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.EnableTotp, null),
      );
      await methods.enable(user.id, MfaMethod.Email);
      await sut.sendSettingsCode(session, EmailOtpPurpose.EnableTotp, null);
      await activateApp(user.id);
      const appOn = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.EnableTotp, null),
      );

      expect(emailOff.code).toBe(ApiErrorCode.MfaNotEnabled);
      expect(mail.lastSent().purpose).toBe(EmailOtpPurpose.EnableTotp);
      expect(appOn.code).toBe(ApiErrorCode.MfaAlreadyEnabled);
    });

    it('mails a disable-totp code only while the app is on', async () => {
      const { user, session } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);

      const appOff = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.DisableTotp, null),
      );
      await activateApp(user.id);
      await sut.sendSettingsCode(session, EmailOtpPurpose.DisableTotp, null);

      expect(appOff.status).toBe(409);
      expect(appOff.code).toBe(ApiErrorCode.MfaNotEnabled);
      expect(mail.lastSent().purpose).toBe(EmailOtpPurpose.DisableTotp);
    });

    it('lists the app after email, and will not turn email 2FA off under it', async () => {
      const { user, session } = signedIn();
      await methods.enable(user.id, MfaMethod.Email);
      await sut.sendSettingsCode(session, EmailOtpPurpose.DisableEmail, null);
      const code = mail.lastSent().code;
      await activateApp(user.id);

      const send = await rejection(
        sut.sendSettingsCode(session, EmailOtpPurpose.DisableEmail, null),
      );
      const disable = await rejection(sut.disableEmail(session, code, null));

      expect(await sut.status(session)).toMatchObject({
        enabled: true,
        methods: [MfaMethod.Email, MfaMethod.Totp],
      });
      for (const error of [send, disable]) {
        expect(error.status).toBe(409);
        expect(error.message).toMatch(/Turn off the authenticator app first/);
      }
    });
  });
});
