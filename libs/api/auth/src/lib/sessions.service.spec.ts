import { Logger } from '@nestjs/common';
import { ApiErrorCode, SESSION_COOKIE, SessionState, XSRF_COOKIE } from '@twofold/shared/contracts';
import { DELETE_ROWS_BATCH } from '@twofold/api/core';
import { DataSource } from 'typeorm';
import { CsrfService } from './csrf.service';
import {
  fakeRequest,
  fakeResponse,
  FakeClock,
  insertUser,
  testConfig,
  testDatabase,
} from './fakes.test-support';
import { SessionContext } from './session-context';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';

const MINUTE = 60 * 1000;

describe(SessionsService.name, () => {
  let dataSource: DataSource;
  let clock: FakeClock;
  let csrf: CsrfService;
  let sut: SessionsService;
  let userId: string;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    dataSource = await testDatabase();
    clock = new FakeClock();
    const config = testConfig();
    csrf = new CsrfService(config);
    sut = new SessionsService(dataSource.getRepository(Session), csrf, config, clock);
    userId = (await insertUser(dataSource)).id;
  });

  afterEach(() => dataSource.destroy());

  /** Signs in and answers the cookie the browser got. */
  async function signIn(state: SessionState): Promise<{ token: string; session: SessionContext }> {
    const res = fakeResponse();
    const session = await sut.create(fakeRequest(), res, userId, state);
    return { token: res.jar.get(SESSION_COOKIE) ?? '', session };
  }

  function resolve(token: string): Promise<SessionContext | null> {
    return sut.resolve(fakeRequest({ [SESSION_COOKIE]: token }));
  }

  function sessionRows(): Promise<number> {
    return dataSource.getRepository(Session).count();
  }

  it('gives the browser an opaque token and stores only its hash', async () => {
    const { token, session } = await signIn(SessionState.Authenticated);

    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const row = await dataSource
      .getRepository(Session)
      .createQueryBuilder('s')
      .addSelect('s.tokenHash')
      .getOneOrFail();
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(resolve(token)).resolves.toMatchObject({ id: session.id, userId });
  });

  it('hands out a CSRF token bound to the new session', async () => {
    const res = fakeResponse();
    const session = await sut.create(fakeRequest(), res, userId, SessionState.Authenticated);

    const xsrf = res.jar.get(XSRF_COOKIE);
    expect(csrf.isValid(xsrf, session.id)).toBe(true);
    expect(csrf.isValid(xsrf, null)).toBe(false);
  });

  it('knows nothing of an unknown or missing cookie', async () => {
    await expect(resolve('made-up')).resolves.toBeNull();
    await expect(sut.resolve(fakeRequest())).resolves.toBeNull();
  });

  it('lets a pending session expire 10 minutes after the password, and deletes it', async () => {
    const { token } = await signIn(SessionState.PendingMfa);

    clock.advance(9 * MINUTE);
    await expect(resolve(token)).resolves.not.toBeNull();

    clock.advance(1 * MINUTE);
    await expect(resolve(token)).resolves.toBeNull();
    await expect(sessionRows()).resolves.toBe(0);
  });

  it('ends an authenticated session after 30 idle minutes', async () => {
    const { token } = await signIn(SessionState.Authenticated);

    clock.advance(30 * MINUTE);

    await expect(resolve(token)).resolves.toBeNull();
    await expect(sessionRows()).resolves.toBe(0);
  });

  it('keeps a used session alive, but never beyond 12 hours', async () => {
    const { token } = await signIn(SessionState.Authenticated);

    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MINUTE);
      await expect(resolve(token)).resolves.not.toBeNull();
    }
    clock.advance(20 * MINUTE);

    await expect(resolve(token)).resolves.toBeNull();
  });

  it('moves to a new id and token on step-up, and the old token stops working', async () => {
    const before = await signIn(SessionState.PendingMfa);
    const res = fakeResponse();

    const after = await sut.stepUp(
      fakeRequest({ [SESSION_COOKIE]: before.token }),
      res,
      before.session,
      SessionState.Authenticated,
    );

    const newToken = res.jar.get(SESSION_COOKIE) ?? '';
    expect(after.id).not.toBe(before.session.id);
    expect(newToken).not.toBe(before.token);
    expect(after.state).toBe(SessionState.Authenticated);
    await expect(resolve(before.token)).resolves.toBeNull();
    await expect(resolve(newToken)).resolves.toMatchObject({ id: after.id });
    expect(csrf.isValid(res.jar.get(XSRF_COOKIE), after.id)).toBe(true);
    await expect(sessionRows()).resolves.toBe(1);
  });

  it('steps a session up once, even when two step-ups race', async () => {
    const before = await signIn(SessionState.PendingMfa);
    const stepUp = () =>
      sut.stepUp(fakeRequest(), fakeResponse(), before.session, SessionState.Authenticated);

    const outcomes = await Promise.allSettled([stepUp(), stepUp(), stepUp()]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({
        status: 401,
        code: ApiErrorCode.Unauthenticated,
      });
    }
    await expect(sessionRows()).resolves.toBe(1);
  });

  it('gives the stepped-up session the authenticated lifetime from the step', async () => {
    const before = await signIn(SessionState.PendingMfa);
    clock.advance(9 * MINUTE);

    const after = await sut.stepUp(
      fakeRequest(),
      fakeResponse(),
      before.session,
      SessionState.Authenticated,
    );

    expect(after.expiresAt.getTime() - clock.now().getTime()).toBe(30 * MINUTE);
  });

  it('deletes the row and clears the cookie on revoke', async () => {
    const { token, session } = await signIn(SessionState.Authenticated);
    const res = fakeResponse();
    res.jar.set(SESSION_COOKIE, token);

    await sut.revoke(fakeRequest({ [SESSION_COOKIE]: token }), res, session);

    expect(res.jar.has(SESSION_COOKIE)).toBe(false);
    expect(csrf.isValid(res.jar.get(XSRF_COOKIE), null)).toBe(true);
    await expect(resolve(token)).resolves.toBeNull();
    await expect(sessionRows()).resolves.toBe(0);
  });

  it('counts and ends only the other live sessions of the same user', async () => {
    const stale = await signIn(SessionState.PendingMfa);
    clock.advance(11 * MINUTE);
    const current = await signIn(SessionState.Authenticated);
    const laptop = await signIn(SessionState.Authenticated);
    const attacker = await signIn(SessionState.PendingMfa);
    const otherUser = await sut.create(
      fakeRequest(),
      fakeResponse(),
      (await insertUser(dataSource, 'grace')).id,
      SessionState.Authenticated,
    );

    await expect(sut.countOthers(current.session)).resolves.toBe(2);
    await expect(sut.endOthers(current.session)).resolves.toBe(2);

    await expect(resolve(current.token)).resolves.not.toBeNull();
    for (const ended of [laptop, attacker, stale]) {
      await expect(resolve(ended.token)).resolves.toBeNull();
    }
    await expect(sut.countOthers(otherUser)).resolves.toBe(0);
    await expect(sessionRows()).resolves.toBe(2);
  });

  it('ends every other session however many there are, not only one batch', async () => {
    const current = await signIn(SessionState.Authenticated);
    const now = clock.now();
    await dataSource.getRepository(Session).insert(
      Array.from({ length: DELETE_ROWS_BATCH * 2 + 1 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        tokenHash: `hash-${i}`,
        userId,
        state: SessionState.PendingMfa,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 10 * MINUTE),
      })),
    );

    await expect(sut.endOthers(current.session)).resolves.toBe(DELETE_ROWS_BATCH * 2 + 1);

    await expect(sut.countOthers(current.session)).resolves.toBe(0);
    await expect(sessionRows()).resolves.toBe(1);
  });

  it('survives a restart: a new service on the same database knows the session', async () => {
    const { token } = await signIn(SessionState.Authenticated);
    const restarted = new SessionsService(
      dataSource.getRepository(Session),
      csrf,
      testConfig(),
      clock,
    );

    await expect(
      restarted.resolve(fakeRequest({ [SESSION_COOKIE]: token })),
    ).resolves.not.toBeNull();
  });
});
