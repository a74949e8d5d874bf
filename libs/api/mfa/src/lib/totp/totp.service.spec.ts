import { Logger } from '@nestjs/common';
import {
  AccountViewsService,
  AuthFailure,
  AuthFailuresService,
  SessionContext,
  SessionRequest,
  SessionsService,
} from '@twofold/api/auth';
import { AppConfig, DomainError, loadAppConfig } from '@twofold/api/core';
import { MailService } from '@twofold/api/otp-mail';
import { User, UsersService } from '@twofold/api/users';
import {
  ApiErrorCode,
  EmailOtpPurpose,
  MfaMethod,
  Role,
  SessionState,
  TotpDisableProof,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import type { Response } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmailOtpChallenge } from '../email-otp-challenge.entity';
import { EmailOtpService } from '../email-otp.service';
import { MfaMethodEntity } from '../mfa-method.entity';
import { MfaMethodsService } from '../mfa-methods.service';
import { FakeClock, FakeMailService } from '../testing/fakes';
import { SecretCipher } from './secret-cipher';
import { TotpAdapter } from './totp.adapter';
import { TotpCredential, TotpCredentialState } from './totp-credential.entity';
import { TOTP_PENDING_TTL_MINUTES, TotpService } from './totp.service';

const STEP_MS = 30_000;
const SECRET_KEY_A = randomBytes(32);
const SECRET_KEY_B = randomBytes(32);

const aUser = (): User => {
  const username = `ada-${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    username,
    email: `${username}@example.com`,
    role: Role.User,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  };
};

const aSession = (user: User, state = SessionState.Authenticated): SessionContext => ({
  id: randomUUID(),
  userId: user.id,
  state,
  createdAt: new Date(),
  expiresAt: new Date(Date.now() + 60 * 60_000),
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

function openDatabase(file: string): Promise<DataSource> {
  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities: [TotpCredential, MfaMethodEntity, EmailOtpChallenge, AuthFailure, User],
    // The app's schema comes from its migrations; a lib test only needs the entities' tables.
    synchronize: true,
    enableWAL: true,
    timeout: 10_000,
  }).initialize();
}

// Rendering the QR PNG takes about a second per setup inside Jest (tens of ms in plain Node), so
// the default 5 s is too tight when the machine is busy.
jest.setTimeout(30_000);

describe(TotpService.name, () => {
  const adapter = new TotpAdapter();
  let dir: string;
  let dataSource: DataSource;
  let clock: FakeClock;
  let mail: FakeMailService;
  let users: Map<string, User>;
  let config: AppConfig;
  let stepUp: jest.Mock;
  let warn: jest.SpyInstance;
  let sut: TotpService;

  const build = (source: DataSource, cipher = new SecretCipher(config.totpEncryptionKeys)) => {
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
    const failures = new AuthFailuresService(source.getRepository(AuthFailure), clock);
    const methods = new MfaMethodsService(
      source.getRepository(MfaMethodEntity),
      clock,
      source.getRepository(TotpCredential),
    );
    const otp = new EmailOtpService(
      source.getRepository(EmailOtpChallenge),
      mail as unknown as MailService,
      failures,
      config,
      clock,
    );
    return new TotpService(
      source.getRepository(TotpCredential),
      adapter,
      cipher,
      otp,
      methods,
      failures,
      usersService,
      { stepUp } as unknown as SessionsService,
      new AccountViewsService(usersService, methods, config),
      mail as unknown as MailService,
      config,
      clock,
    );
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twofold-totp-'));
    dataSource = await openDatabase(join(dir, 'test.sqlite'));
    clock = new FakeClock();
    mail = new FakeMailService();
    users = new Map();
    config = loadAppConfig({
      SESSION_SECRET: 'unit-test-secret-0123456789abcdef',
      TOTP_ENCRYPTION_KEYS: `a:${SECRET_KEY_A.toString('base64')}`,
    });
    stepUp = jest.fn(
      async (_req: SessionRequest, _res: Response, session: SessionContext, state: SessionState) =>
        ({ ...session, id: randomUUID(), state }) satisfies SessionContext,
    );
    sut = build(dataSource);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const methodsOf = (userId: string) =>
    new MfaMethodsService(
      dataSource.getRepository(MfaMethodEntity),
      clock,
      dataSource.getRepository(TotpCredential),
    ).enabledMethods(userId);

  /** A signed-in user with email 2FA on, as Two Factor Settings requires before TOTP. */
  const signedInWithEmail = async () => {
    const user = aUser();
    users.set(user.id, user);
    await dataSource.getRepository(MfaMethodEntity).insert({
      id: randomUUID(),
      userId: user.id,
      method: MfaMethod.Email,
      enabledAt: clock.now(),
    });
    return { user, session: aSession(user) };
  };

  /** The emailed enable-totp code, as the user reads it from their inbox. */
  const emailCode = async (
    user: User,
    session: SessionContext,
    purpose = EmailOtpPurpose.EnableTotp,
  ) => {
    const otp = new EmailOtpService(
      dataSource.getRepository(EmailOtpChallenge),
      mail as unknown as MailService,
      new AuthFailuresService(dataSource.getRepository(AuthFailure), clock),
      config,
      clock,
    );
    clock.advance(61_000);
    await otp.issue(user, purpose, session);
    return mail.lastSent().code;
  };

  const codeAt = (secret: string, offsetSteps = 0) =>
    adapter.codeForStep(secret, adapter.stepAt(clock.now()) + offsetSteps);

  const startSetup = async (user: User, session: SessionContext) =>
    sut.setup(session, await emailCode(user, session), '192.0.2.1');

  /** Email 2FA on, then the app set up and confirmed; returns the secret the app holds. */
  const withActiveApp = async () => {
    const { user, session } = await signedInWithEmail();
    const { secret } = await startSetup(user, session);
    await sut.activate(session, codeAt(secret), '192.0.2.1');
    // The next sign-in is at least one step later, as in life.
    clock.advance(STEP_MS);
    return { user, session, secret, pending: aSession(user, SessionState.PendingMfa) };
  };

  const signIn = (service: TotpService, session: SessionContext, code: string) =>
    service.verifySignIn({} as SessionRequest, {} as Response, session, code, '198.51.100.7');

  const credentialRows = () =>
    dataSource.query(
      'SELECT state, sealed_secret, expires_at, last_used_step FROM totp_credentials',
    ) as Promise<
      { state: string; sealed_secret: string; expires_at: string | null; last_used_step: number }[]
    >;

  describe('setup', () => {
    it('refuses to start before email 2FA is on', async () => {
      const user = aUser();
      users.set(user.id, user);
      const session = aSession(user);

      const error = await rejection(sut.setup(session, '123456', null));

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaNotEnabled);
    });

    it('refuses to start without an emailed enable-totp code', async () => {
      const { user, session } = await signedInWithEmail();
      const disableEmailCode = await emailCode(user, session, EmailOtpPurpose.DisableEmail);

      const error = await rejection(sut.setup(session, disableEmailCode, null));

      expect(error.code).toBe(ApiErrorCode.CodeNotFound);
      expect(await credentialRows()).toEqual([]);
    });

    it('answers a pending secret, its key URI and QR code, and stores the secret only sealed', async () => {
      const { user, session } = await signedInWithEmail();

      const setup = await startSetup(user, session);

      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.keyUri).toBe(
        `otpauth://totp/Twofold:${user.username}?secret=${setup.secret}&issuer=Twofold`,
      );
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
      expect(Date.parse(setup.expiresAt) - clock.now().getTime()).toBe(
        TOTP_PENDING_TTL_MINUTES * 60_000,
      );
      const [row] = await credentialRows();
      expect(row?.state).toBe(TotpCredentialState.Pending);
      expect(row?.sealed_secret).toMatch(/^v1:a:/);
      expect(JSON.stringify(row)).not.toContain(setup.secret);
      expect(await methodsOf(user.id)).toEqual([MfaMethod.Email]);
    });

    it('replaces only the pending secret on a second visit', async () => {
      const { user, session } = await signedInWithEmail();
      const first = await startSetup(user, session);

      const second = await startSetup(user, session);

      expect(second.secret).not.toBe(first.secret);
      expect(await credentialRows()).toHaveLength(1);
      const error = await rejection(sut.activate(session, codeAt(first.secret), null));
      expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      await sut.activate(session, codeAt(second.secret), null);
    });

    it('never lets a new setup replace an active secret', async () => {
      const { user, session, secret, pending } = await withActiveApp();

      const error = await rejection(startSetup(user, session));

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaAlreadyEnabled);
      await signIn(sut, pending, codeAt(secret));
    });
  });

  describe('activation', () => {
    it('needs a code from the app; then TOTP is on, the step is stored and the owner told', async () => {
      const { user, session } = await signedInWithEmail();
      const { secret } = await startSetup(user, session);

      await sut.activate(session, codeAt(secret), '192.0.2.1');

      expect(await methodsOf(user.id)).toEqual([MfaMethod.Email, MfaMethod.Totp]);
      const [row] = await credentialRows();
      expect(row).toMatchObject({ state: 'active', expires_at: null });
      expect(Number(row?.last_used_step)).toBe(adapter.stepAt(clock.now()));
      expect(mail.notices).toEqual([
        expect.objectContaining({ to: user.email, event: 'factor-added', method: 'totp' }),
      ]);
    });

    it('refuses a wrong code, leaves the secret pending, counts and logs it without the code', async () => {
      const { user, session } = await signedInWithEmail();
      const { secret } = await startSetup(user, session);
      const wrong = codeAt(secret, 5);

      const error = await rejection(sut.activate(session, wrong, '192.0.2.1'));

      expect(error.status).toBe(422);
      expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      expect(await methodsOf(user.id)).toEqual([MfaMethod.Email]);
      const failures = await dataSource.getRepository(AuthFailure).findBy({ userId: user.id });
      expect(failures.map((failure) => failure.kind)).toEqual(['totp']);
      const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
      expect(logged).toContain(`user ${user.id}`);
      expect(logged).not.toContain(wrong);
      await sut.activate(session, codeAt(secret), null);
    });

    it('refuses after the 15 minutes of a pending secret, then finds nothing to confirm', async () => {
      const { user, session } = await signedInWithEmail();
      const { secret } = await startSetup(user, session);
      clock.advance(TOTP_PENDING_TTL_MINUTES * 60_000 + 1_000);

      const expired = await rejection(sut.activate(session, codeAt(secret), null));
      const gone = await rejection(sut.activate(session, codeAt(secret), null));

      expect(expired.code).toBe(ApiErrorCode.CodeExpired);
      expect(gone.code).toBe(ApiErrorCode.CodeNotFound);
      expect(await credentialRows()).toEqual([]);
    });

    it('accepts a code shortly before the pending secret expires', async () => {
      const { user, session } = await signedInWithEmail();
      const { secret } = await startSetup(user, session);
      clock.advance(TOTP_PENDING_TTL_MINUTES * 60_000 - 1_000);

      await sut.activate(session, codeAt(secret), null);

      expect(await methodsOf(user.id)).toContain(MfaMethod.Totp);
    });

    it('refuses to confirm when nothing was set up', async () => {
      const { session } = await signedInWithEmail();

      const error = await rejection(sut.activate(session, '123456', null));

      expect(error.code).toBe(ApiErrorCode.CodeNotFound);
    });
  });

  describe('signing in', () => {
    it('accepts the current step and one step either side, and steps the session up', async () => {
      const { pending, secret } = await withActiveApp();
      clock.advance(10 * STEP_MS);

      for (const offset of [-1, 0, 1]) {
        const view = await signIn(sut, pending, codeAt(secret, offset));
        expect(view.state).toBe(SessionState.Authenticated);
      }
      expect(stepUp).toHaveBeenCalledTimes(3);
    });

    it.each([-2, 2])(
      'refuses a code %i steps away, without calling it a replay',
      async (offset) => {
        const { pending, secret } = await withActiveApp();
        clock.advance(10 * STEP_MS);

        const error = await rejection(signIn(sut, pending, codeAt(secret, offset)));

        expect(error.code).toBe(ApiErrorCode.CodeInvalid);
        expect(error.message).not.toMatch(/already used/);
        expect(stepUp).not.toHaveBeenCalled();
        expect(mail.notices.map((notice) => notice.event)).toEqual(['factor-added']);
      },
    );

    it('refuses a code that was already used, logs it with user and IP, and tells the owner', async () => {
      const { user, pending, secret } = await withActiveApp();
      const code = codeAt(secret);
      await signIn(sut, pending, code);

      const error = await rejection(signIn(sut, aSession(user, SessionState.PendingMfa), code));

      expect(error.status).toBe(422);
      expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      expect(error.message).toBe('This code was already used. Wait for the next one in your app.');
      expect(stepUp).toHaveBeenCalledTimes(1);
      expect(mail.notices.at(-1)).toMatchObject({
        to: user.email,
        event: 'code-reused',
        method: MfaMethod.Totp,
      });
      const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
      expect(logged).toContain(`reused authenticator code for user ${user.id}`);
      expect(logged).toContain('198.51.100.7');
      expect(logged).not.toContain(code);
    });

    it('refuses the code of an earlier step once a later one was accepted', async () => {
      const { pending, secret } = await withActiveApp();
      await signIn(sut, pending, codeAt(secret, 1));

      const error = await rejection(signIn(sut, pending, codeAt(secret)));

      expect(error.message).toMatch(/already used/);
    });

    it('refuses the code the app was confirmed with', async () => {
      const { user, session } = await signedInWithEmail();
      const { secret } = await startSetup(user, session);
      const code = codeAt(secret);
      await sut.activate(session, code, null);

      const error = await rejection(signIn(sut, aSession(user, SessionState.PendingMfa), code));

      expect(error.message).toMatch(/already used/);
    });

    it('refuses malformed codes that a lenient parser would read as the right one', async () => {
      const { pending, secret } = await withActiveApp();
      // A moment whose code starts with 0, so that "+12345"-style strings would parse to it.
      while (!codeAt(secret).startsWith('0')) {
        clock.advance(STEP_MS);
      }
      const code = codeAt(secret);
      const tail = code.slice(1);

      for (const malformed of [`${tail}x`, ` ${tail}`, `+${tail}`, `${code}1`, tail, '']) {
        const error = await rejection(signIn(sut, pending, malformed));
        expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      }
      expect(stepUp).not.toHaveBeenCalled();

      await signIn(sut, pending, code);
    });

    it('lets exactly one of 20 concurrent requests with one valid code through, across two connections', async () => {
      const { user, secret } = await withActiveApp();
      // A second connection to the same file stands in for a second API process.
      const other = await openDatabase(join(dir, 'test.sqlite'));
      try {
        const services = [sut, build(other)];
        const code = codeAt(secret);

        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, index) =>
            signIn(
              services[index % 2] as TotpService,
              aSession(user, SessionState.PendingMfa),
              code,
            ),
          ),
        );

        const passed = results.filter((result) => result.status === 'fulfilled');
        const refused = results.flatMap((result) =>
          result.status === 'rejected' ? [result.reason as DomainError] : [],
        );
        expect(passed).toHaveLength(1);
        expect(refused).toHaveLength(19);
        for (const error of refused) {
          expect(error).toBeInstanceOf(DomainError);
          expect(error.code).toBe(ApiErrorCode.CodeInvalid);
        }
        expect(stepUp).toHaveBeenCalledTimes(1);
      } finally {
        await other.destroy();
      }
    });

    it('refuses a user without an authenticator app', async () => {
      const { user } = await signedInWithEmail();

      const error = await rejection(signIn(sut, aSession(user, SessionState.PendingMfa), '123456'));

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaNotEnabled);
    });

    it('re-seals a secret sealed with an older key when it is used', async () => {
      const { pending, secret } = await withActiveApp();
      const rotated = new SecretCipher({
        currentKeyId: 'b',
        keys: new Map([
          ['b', SECRET_KEY_B],
          ['a', SECRET_KEY_A],
        ]),
      });

      await signIn(build(dataSource, rotated), pending, codeAt(secret));

      const [row] = await credentialRows();
      expect(row?.sealed_secret).toMatch(/^v1:b:/);
    });
  });

  describe('turning it off', () => {
    it('takes a current code from the app, deletes the secret and tells the owner', async () => {
      const { user, session, secret } = await withActiveApp();

      await sut.disable(session, TotpDisableProof.Totp, codeAt(secret), null);

      expect(await methodsOf(user.id)).toEqual([MfaMethod.Email]);
      expect(await credentialRows()).toEqual([]);
      expect(mail.notices.at(-1)).toMatchObject({ event: 'factor-removed', method: 'totp' });
    });

    it('refuses an app code that was already used', async () => {
      const { user, session, pending, secret } = await withActiveApp();
      const code = codeAt(secret);
      await signIn(sut, pending, code);

      const error = await rejection(sut.disable(session, TotpDisableProof.Totp, code, null));

      expect(error.message).toMatch(/already used/);
      expect(await methodsOf(user.id)).toContain(MfaMethod.Totp);
    });

    it('takes a fresh emailed disable-totp code instead, but not a code of another purpose', async () => {
      const { user, session } = await withActiveApp();
      const enableCode = await emailCode(user, session, EmailOtpPurpose.EnableTotp);

      const wrongPurpose = await rejection(
        sut.disable(session, TotpDisableProof.Email, enableCode, null),
      );
      await sut.disable(
        session,
        TotpDisableProof.Email,
        await emailCode(user, session, EmailOtpPurpose.DisableTotp),
        null,
      );

      expect(wrongPurpose.code).toBe(ApiErrorCode.CodeNotFound);
      expect(await methodsOf(user.id)).toEqual([MfaMethod.Email]);
    });

    it('refuses when the app is not on', async () => {
      const { session } = await signedInWithEmail();

      const error = await rejection(sut.disable(session, TotpDisableProof.Totp, '123456', null));

      expect(error.status).toBe(409);
      expect(error.code).toBe(ApiErrorCode.MfaNotEnabled);
    });
  });
});
