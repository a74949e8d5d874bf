import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiCoreModule, ApiExceptionFilter, createValidationPipe } from '@twofold/api/core';
import { User } from '@twofold/api/users';
import {
  ApiErrorCode,
  MfaMethod,
  SESSION_COOKIE,
  SessionState,
  XSRF_COOKIE,
  XSRF_HEADER,
} from '@twofold/shared/contracts';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response as ExpressResponse } from 'express';
import request, { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ApiAuthModule } from './api-auth.module';
import { AuthFailure } from './auth-failure.entity';
import { FakeClock, testConfig } from './fakes.test-support';
import { SecondFactorPolicy } from './second-factor.policy';
import { Session } from './session.entity';
import { SessionMiddleware } from './session.middleware';

const MINUTE = 60 * 1000;

/** Stands in for the mfa library: users listed here have email 2FA on. */
@Injectable()
class FakeSecondFactors extends SecondFactorPolicy {
  readonly withEmail = new Set<string>();

  async enabledMethods(userId: string): Promise<MfaMethod[]> {
    return this.withEmail.has(userId) ? [MfaMethod.Email] : [];
  }
}

@Global()
@Module({
  providers: [FakeSecondFactors, { provide: SecondFactorPolicy, useExisting: FakeSecondFactors }],
  exports: [SecondFactorPolicy, FakeSecondFactors],
})
class FakeMfaModule {}

function cookieValue(res: Response, name: string): string | undefined {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return header
    ?.find((value) => value.startsWith(`${name}=`))
    ?.slice(name.length + 1)
    .split(';')[0];
}

class Browser {
  readonly agent: TestAgent;
  private xsrf = '';

  constructor(app: NestExpressApplication) {
    this.agent = request.agent(app.getHttpServer());
  }

  async get(path: string): Promise<Response> {
    return this.remember(await this.agent.get(path));
  }

  async post(path: string, body?: object): Promise<Response> {
    return this.remember(await this.agent.post(path).set(XSRF_HEADER, this.xsrf).send(body));
  }

  private remember(res: Response): Response {
    this.xsrf = cookieValue(res, XSRF_COOKIE) ?? this.xsrf;
    return res;
  }
}

describe('AuthController over HTTP', () => {
  let app: NestExpressApplication;
  let clock: FakeClock;
  let secondFactors: FakeSecondFactors;
  const password = 'correct horse battery staple';

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    clock = new FakeClock();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ApiCoreModule.forRoot({ config: testConfig(), clock }),
        // The app's schema comes from its migrations; here the entities' tables suffice.
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          entities: [User, Session, AuthFailure],
          synchronize: true,
        }),
        FakeMfaModule,
        ApiAuthModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    app.use(cookieParser());
    const sessions = app.get(SessionMiddleware);
    app.use((req: Request, res: ExpressResponse, next: NextFunction) => {
      void sessions.use(req, res, next);
    });
    app.setGlobalPrefix('api');
    app.useGlobalFilters(new ApiExceptionFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    secondFactors = app.get(FakeSecondFactors);
  });

  afterEach(() => app.close());

  async function signedUp(username = 'ada'): Promise<{ browser: Browser; userId: string }> {
    const browser = new Browser(app);
    await browser.get('/api/auth/session');
    const res = await browser.post('/api/auth/signup', {
      username,
      email: `${username}@example.com`,
      password,
    });
    expect(res.status).toBe(201);
    return { browser, userId: res.body.id };
  }

  describe('POST /api/auth/signup', () => {
    it.each([
      [{ username: 'Ada!', email: 'ada@example.com', password }, 'username'],
      [{ username: 'ada', email: 'not-an-email', password }, 'email'],
      [{ username: 'ada', email: 'ada@example.com', password: 'short' }, 'password'],
      [{ username: 'ada', email: 'ada@example.com', password: 'iloveyou123' }, 'password'],
      [{ username: 'ada', email: 'ada@example.com', password: 'ada-is-my-name' }, 'password'],
      [{ username: 'ada', email: 'ada@example.com', password, role: 'admin' }, 'role'],
    ])('refuses %j with a message on %s', async (body, field) => {
      const browser = new Browser(app);
      await browser.get('/api/auth/session');

      const res = await browser.post('/api/auth/signup', body);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ApiErrorCode.ValidationFailed);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    });

    it('refuses a taken username and a taken email with 409', async () => {
      await signedUp('ada');
      const browser = new Browser(app);
      await browser.get('/api/auth/session');

      const name = await browser.post('/api/auth/signup', {
        username: 'ada',
        email: 'other@example.com',
        password,
      });
      const email = await browser.post('/api/auth/signup', {
        username: 'bob',
        email: 'ADA@example.com',
        password,
      });

      expect([name.status, name.body.code]).toEqual([409, ApiErrorCode.UsernameTaken]);
      expect([email.status, email.body.code]).toEqual([409, ApiErrorCode.EmailTaken]);
    });
  });

  describe('POST /api/auth/login', () => {
    it('gives a user with 2FA a pending-mfa session that reaches only sign-out', async () => {
      const { userId } = await signedUp();
      secondFactors.withEmail.add(userId);
      const browser = new Browser(app);
      await browser.get('/api/auth/session');

      const res = await browser.post('/api/auth/login', { username: 'ada', password });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        state: SessionState.PendingMfa,
        methods: [MfaMethod.Email],
        expiresAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
      });
      const account = await browser.get('/api/account');
      expect([account.status, account.body.code]).toEqual([403, ApiErrorCode.WrongSessionState]);
      expect((await browser.post('/api/auth/logout')).status).toBe(204);
      expect((await browser.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
    });

    it('lets a pending-mfa session lapse after 10 minutes', async () => {
      const { userId } = await signedUp();
      secondFactors.withEmail.add(userId);
      const browser = new Browser(app);
      await browser.get('/api/auth/session');
      await browser.post('/api/auth/login', { username: 'ada', password });

      clock.advance(10 * MINUTE);

      expect((await browser.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
    });

    it('issues a new session id and CSRF token after the password', async () => {
      const { browser } = await signedUp();
      const before = await browser.agent.get('/api/auth/session');

      const res = await browser.post('/api/auth/login', { username: 'ada', password });

      const oldCookie = String(before.request.cookies);
      expect(cookieValue(res, SESSION_COOKIE)).toBeDefined();
      expect(oldCookie).not.toContain(cookieValue(res, SESSION_COOKIE));
      expect(cookieValue(res, XSRF_COOKIE)).toBeDefined();
      const stale = await request(app.getHttpServer()).get('/api/account').set('Cookie', oldCookie);
      expect(stale.status).toBe(401);
    });

    it('refuses a malformed body with 400 before looking at any password', async () => {
      const browser = new Browser(app);
      await browser.get('/api/auth/session');

      const res = await browser.post('/api/auth/login', { username: ['ada'], password: 1 });

      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields).sort()).toEqual(['password', 'username']);
    });

    it('locks the account for the hour after 100 wrong passwords, even for the right one', async () => {
      await signedUp();
      const browser = new Browser(app);
      await browser.get('/api/auth/session');
      for (let i = 0; i < 100; i++) {
        const wrong = await browser.post('/api/auth/login', {
          username: 'ada',
          password: `no ${i}`,
        });
        expect(wrong.status).toBe(401);
      }

      const locked = await browser.post('/api/auth/login', { username: 'ada', password });

      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe(ApiErrorCode.TooManyAttempts);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

      clock.advance(60 * MINUTE);
      expect((await browser.post('/api/auth/login', { username: 'ada', password })).status).toBe(
        200,
      );
    }, 120_000);
  });

  it('refuses an XSRF token taken from another session', async () => {
    const { browser: ada } = await signedUp('ada');
    const eve = new Browser(app);
    const evesToken = cookieValue(await eve.get('/api/auth/session'), XSRF_COOKIE) ?? '';

    const res = await ada.agent
      .post('/api/auth/logout')
      .set('Cookie', `${XSRF_COOKIE}=${evesToken}`)
      .set(XSRF_HEADER, evesToken);

    expect(res.status).toBe(403);
    expect(res.body.code).toBe(ApiErrorCode.CsrfFailed);
  });

  it('answers GET /api/account only to a signed-in session', async () => {
    const anonymous = await request(app.getHttpServer()).get('/api/account');
    const { browser } = await signedUp();

    expect([anonymous.status, anonymous.body.code]).toEqual([401, ApiErrorCode.Unauthenticated]);
    expect((await browser.get('/api/account')).body).toMatchObject({
      username: 'ada',
      twoFactor: { enabled: false, methods: [], enforcementDate: null },
    });
  });
});
