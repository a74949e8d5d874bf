import { Logger } from '@nestjs/common';
import { AuthFailure, AuthFailuresService } from '@twofold/api/auth';
import { DomainError, loadAppConfig } from '@twofold/api/core';
import { MailService } from '@twofold/api/otp-mail';
import { User } from '@twofold/api/users';
import { ApiErrorCode, EmailOtpPurpose } from '@twofold/shared/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmailOtpChallenge } from './email-otp-challenge.entity';
import { EmailOtpRecipient, EmailOtpService, maskEmail } from './email-otp.service';
import { FakeClock, FakeMailService } from './testing/fakes';

const MINUTE = 60_000;

const aUser = (username = 'ada'): EmailOtpRecipient => ({
  id: randomUUID(),
  username,
  email: `${username}@example.com`,
});

const aSession = () => ({ id: randomUUID() });

async function openDatabase(file: string): Promise<DataSource> {
  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities: [EmailOtpChallenge, AuthFailure, User],
    // The app's schema comes from its migrations; a lib test only needs the entities' tables.
    synchronize: true,
    enableWAL: true,
    timeout: 10_000,
  }).initialize();
}

/** Resolves to the `DomainError` a promise rejects with, failing the test if it resolves. */
async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a DomainError, but the call succeeded');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(EmailOtpService.name, () => {
  let dir: string;
  let dataSource: DataSource;
  let clock: FakeClock;
  let mail: FakeMailService;
  let sut: EmailOtpService;

  const build = (source: DataSource, instanceClock: FakeClock = clock) =>
    new EmailOtpService(
      source.getRepository(EmailOtpChallenge),
      mail as unknown as MailService,
      new AuthFailuresService(source.getRepository(AuthFailure), instanceClock),
      loadAppConfig({ SESSION_SECRET: 'unit-test-secret-0123456789abcdef' }),
      instanceClock,
    );

  /** The code of the last mail sent, as the user reads it from their inbox. */
  const lastCode = () => mail.lastSent().code;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twofold-otp-'));
    dataSource = await openDatabase(join(dir, 'test.sqlite'));
    clock = new FakeClock();
    mail = new FakeMailService();
    sut = build(dataSource);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('issue', () => {
    it('mails six random digits and stores only their HMAC', async () => {
      const user = aUser();

      const sent = await sut.issue(user, EmailOtpPurpose.SignIn, aSession());

      expect(lastCode()).toMatch(/^[0-9]{6}$/);
      expect(mail.lastSent()).toMatchObject({ to: 'ada@example.com', expiresInMinutes: 10 });
      const [row] = await dataSource.query('SELECT * FROM email_otp_challenges');
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(lastCode());
      expect(JSON.stringify(sent)).not.toContain(lastCode());
    });

    it('answers the masked address, the expiry and when a new code may be asked for', async () => {
      const sent = await sut.issue(aUser(), EmailOtpPurpose.SignIn, aSession());

      expect(sent).toEqual({
        sentTo: 'a•••a@example.com',
        expiresAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
        resendAvailableAt: new Date(clock.now().getTime() + MINUTE).toISOString(),
      });
    });

    it('refuses a new code within 60 seconds, saying how long to wait', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      clock.advance(45_000);

      const error = await domainError(sut.issue(user, EmailOtpPurpose.SignIn, session));

      expect(error.status).toBe(429);
      expect(error.code).toBe(ApiErrorCode.ResendCooldown);
      expect(error.options.retryAfterSeconds).toBe(15);
      expect(mail.sent).toHaveLength(1);
    });

    it('refuses a send that read the clock first but arrives second', async () => {
      const user = aUser();
      const session = aSession();
      const behind = build(dataSource, new FakeClock(new Date(clock.now().getTime() - 1)));
      await sut.issue(user, EmailOtpPurpose.SignIn, session);

      const error = await domainError(behind.issue(user, EmailOtpPurpose.SignIn, session));

      expect(error.code).toBe(ApiErrorCode.ResendCooldown);
      expect(mail.sent).toHaveLength(1);
    });

    it('sends a new code once the cooldown is over', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      clock.advance(60_000);

      await sut.issue(user, EmailOtpPurpose.SignIn, session);

      expect(mail.sent).toHaveLength(2);
    });

    it('mails at most ten codes an hour to one user, whatever the sessions', async () => {
      const user = aUser();
      for (let i = 0; i < 10; i++) {
        await sut.issue(user, EmailOtpPurpose.SignIn, aSession());
        clock.advance(MINUTE);
      }

      const error = await domainError(sut.issue(user, EmailOtpPurpose.SignIn, aSession()));
      clock.advance(50 * MINUTE);
      await sut.issue(user, EmailOtpPurpose.SignIn, aSession());

      expect(error.status).toBe(429);
      expect(error.code).toBe(ApiErrorCode.ResendCooldown);
      expect(error.options.retryAfterSeconds).toBe(50 * 60);
      expect(mail.sent).toHaveLength(11);
      await expect(sut.issue(aUser('grace'), EmailOtpPurpose.SignIn, aSession())).resolves.toEqual(
        expect.objectContaining({ sentTo: expect.any(String) }),
      );
    });

    it('counts the codes of an instance whose clock runs ahead towards the ten', async () => {
      const user = aUser();
      const aheadInstance = build(
        dataSource,
        new FakeClock(new Date(clock.now().getTime() + 5_000)),
      );
      for (let i = 0; i < 9; i++) {
        await aheadInstance.issue(user, EmailOtpPurpose.SignIn, aSession());
      }

      await sut.issue(user, EmailOtpPurpose.SignIn, aSession());
      const error = await domainError(sut.issue(user, EmailOtpPurpose.SignIn, aSession()));

      expect(error.status).toBe(429);
      expect(mail.sent).toHaveLength(10);
    });

    it('keeps the cooldown per purpose and session', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.EnableEmail, session);

      await sut.issue(user, EmailOtpPurpose.DisableEmail, session);
      await sut.issue(user, EmailOtpPurpose.EnableEmail, aSession());

      expect(mail.sent).toHaveLength(3);
    });

    it('prunes the challenges of a user that are more than a day old', async () => {
      const user = aUser();
      await sut.issue(user, EmailOtpPurpose.SignIn, aSession());
      clock.advance(25 * 60 * MINUTE);

      await sut.issue(user, EmailOtpPurpose.SignIn, aSession());

      expect(await dataSource.getRepository(EmailOtpChallenge).count()).toBe(1);
    });

    it('answers 503 mail_unavailable when the mail fails, and changes nothing', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const firstCode = lastCode();
      clock.advance(2 * MINUTE);
      mail.failing = true;

      const error = await domainError(sut.issue(user, EmailOtpPurpose.SignIn, session));

      expect(error.status).toBe(503);
      expect(error.code).toBe(ApiErrorCode.MailUnavailable);
      expect(await dataSource.getRepository(EmailOtpChallenge).count()).toBe(1);
      await expect(
        sut.verify(user, EmailOtpPurpose.SignIn, session, firstCode),
      ).resolves.toBeUndefined();
    });

    it('starts no cooldown when the mail fails', async () => {
      const user = aUser();
      const session = aSession();
      mail.failing = true;
      await domainError(sut.issue(user, EmailOtpPurpose.SignIn, session));
      mail.failing = false;

      await sut.issue(user, EmailOtpPurpose.SignIn, session);

      await expect(
        sut.verify(user, EmailOtpPurpose.SignIn, session, lastCode()),
      ).resolves.toBeUndefined();
    });
  });

  describe('verify', () => {
    it('accepts the right code once', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      await sut.verify(user, EmailOtpPurpose.SignIn, session, lastCode());

      const error = await domainError(
        sut.verify(user, EmailOtpPurpose.SignIn, session, lastCode()),
      );

      expect(error.status).toBe(422);
      expect(error.code).toBe(ApiErrorCode.CodeNotFound);
    });

    it('accepts a code until just before ten minutes, and refuses it as expired after', async () => {
      const user = aUser();
      const early = aSession();
      const late = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, early);
      const earlyCode = lastCode();
      await sut.issue(user, EmailOtpPurpose.SignIn, late);
      const lateCode = lastCode();

      clock.advance(10 * MINUTE - 1);
      await sut.verify(user, EmailOtpPurpose.SignIn, early, earlyCode);
      clock.advance(1);
      const error = await domainError(sut.verify(user, EmailOtpPurpose.SignIn, late, lateCode));

      expect(error.status).toBe(422);
      expect(error.code).toBe(ApiErrorCode.CodeExpired);
    });

    it('refuses a superseded code and accepts the newer one', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const oldCode = lastCode();
      clock.advance(MINUTE);
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const newCode = lastCode();

      // Unlikely but possible: two random codes can be equal, and then the old one is the new one.
      if (oldCode !== newCode) {
        const error = await domainError(sut.verify(user, EmailOtpPurpose.SignIn, session, oldCode));
        expect(error.code).toBe(ApiErrorCode.CodeInvalid);
      }
      await expect(
        sut.verify(user, EmailOtpPurpose.SignIn, session, newCode),
      ).resolves.toBeUndefined();
      const rows = await dataSource.getRepository(EmailOtpChallenge).find();
      expect(rows.filter((row) => row.supersededAt !== null)).toHaveLength(1);
    });

    it('binds a code to its purpose, its session and its user', async () => {
      const owner = aUser('ada');
      const other = aUser('bob');
      const session = aSession();
      await sut.issue(owner, EmailOtpPurpose.EnableEmail, session);
      const code = lastCode();

      const attempts = [
        sut.verify(owner, EmailOtpPurpose.DisableEmail, session, code),
        sut.verify(owner, EmailOtpPurpose.EnableEmail, aSession(), code),
        sut.verify(other, EmailOtpPurpose.EnableEmail, session, code),
      ];

      for (const attempt of attempts) {
        expect((await domainError(attempt)).code).toBe(ApiErrorCode.CodeNotFound);
      }
      await expect(
        sut.verify(owner, EmailOtpPurpose.EnableEmail, session, code),
      ).resolves.toBeUndefined();
    });

    it('counts down the tries left and kills the code at the fifth wrong one', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const code = lastCode();
      const wrong = code === '000000' ? '111111' : '000000';

      const messages: string[] = [];
      for (let i = 0; i < 5; i++) {
        const error = await domainError(sut.verify(user, EmailOtpPurpose.SignIn, session, wrong));
        expect(error.code).toBe(ApiErrorCode.CodeInvalid);
        messages.push(error.message);
      }
      const afterwards = await domainError(sut.verify(user, EmailOtpPurpose.SignIn, session, code));

      expect(messages.slice(0, 4)).toEqual([
        'That code is not right. 4 tries left.',
        'That code is not right. 3 tries left.',
        'That code is not right. 2 tries left.',
        'That code is not right. 1 try left.',
      ]);
      expect(messages[4]).toBe(
        'That code is not right, and after 5 wrong tries it no longer works. Please request a new one.',
      );
      expect(afterwards.code).toBe(ApiErrorCode.CodeNotFound);
    });

    it('still accepts the right code as the fifth try, after four wrong ones', async () => {
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const code = lastCode();
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) {
        await domainError(sut.verify(user, EmailOtpPurpose.SignIn, session, wrong));
      }

      await expect(
        sut.verify(user, EmailOtpPurpose.SignIn, session, code),
      ).resolves.toBeUndefined();
    });

    it('answers code_not_found when no code was sent', async () => {
      const error = await domainError(
        sut.verify(aUser(), EmailOtpPurpose.SignIn, aSession(), '123456'),
      );

      expect(error.code).toBe(ApiErrorCode.CodeNotFound);
    });

    it('records every failure and locks the account at 100 an hour, right code or not', async () => {
      const user = aUser();
      const session = aSession();
      const failures = dataSource.getRepository(AuthFailure);
      await sut.verify(user, EmailOtpPurpose.SignIn, session, '123456').catch(() => undefined);
      expect(await failures.countBy({ userId: user.id })).toBe(1);
      await failures.insert(
        Array.from({ length: 99 }, () => ({
          id: randomUUID(),
          userId: user.id,
          kind: 'email-otp' as AuthFailure['kind'],
          ip: null,
          createdAt: clock.now(),
        })),
      );
      await sut.issue(user, EmailOtpPurpose.SignIn, session);

      const error = await domainError(
        sut.verify(user, EmailOtpPurpose.SignIn, session, lastCode()),
      );

      expect(error.status).toBe(429);
      expect(error.code).toBe(ApiErrorCode.TooManyAttempts);
    });

    it('logs failures with user, ip and purpose, and never a code', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session, '203.0.113.7');
      const code = lastCode();
      const wrong = code === '000000' ? '111111' : '000000';

      await domainError(sut.verify(user, EmailOtpPurpose.SignIn, session, wrong, '203.0.113.7'));
      await sut.verify(user, EmailOtpPurpose.SignIn, session, code, '203.0.113.7');

      expect(warn).toHaveBeenCalledWith(
        `Email code refused (invalid) for user ${user.id}, purpose sign-in, ip 203.0.113.7`,
      );
      const logged = JSON.stringify([...warn.mock.calls, ...log.mock.calls]);
      expect(logged).not.toContain(code);
      expect(logged).not.toContain(wrong);
    });

    it('lets exactly one of ten simultaneous requests from two processes use a code', async () => {
      const secondProcess = await openDatabase(join(dir, 'test.sqlite'));
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const code = lastCode();
      const instances = [sut, build(secondProcess)];

      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          instances[i % 2].verify(user, EmailOtpPurpose.SignIn, session, code),
        ),
      );
      await secondProcess.destroy();

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((r) => r.status === 'rejected')) {
        expect((result as PromiseRejectedResult).reason).toMatchObject({
          code: ApiErrorCode.CodeNotFound,
        });
      }
    });

    it('never counts more than five wrong tries, however many race', async () => {
      const secondProcess = await openDatabase(join(dir, 'test.sqlite'));
      const user = aUser();
      const session = aSession();
      await sut.issue(user, EmailOtpPurpose.SignIn, session);
      const wrong = lastCode() === '000000' ? '111111' : '000000';
      const instances = [sut, build(secondProcess)];

      await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          instances[i % 2].verify(user, EmailOtpPurpose.SignIn, session, wrong),
        ),
      );
      await secondProcess.destroy();

      const [row] = await dataSource.getRepository(EmailOtpChallenge).find();
      expect(row.failedAttempts).toBe(5);
    });
  });
});

describe(maskEmail.name, () => {
  it.each([
    ['ada@example.com', 'a•••a@example.com'],
    ['jo@example.com', 'j•••@example.com'],
    ['x@example.com', 'x•••@example.com'],
  ])('masks %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
