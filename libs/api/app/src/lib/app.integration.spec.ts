import { NestExpressApplication } from '@nestjs/platform-express';
import {
  ApiErrorCode,
  SESSION_COOKIE,
  SessionState,
  XSRF_COOKIE,
  XSRF_HEADER,
} from '@twofold/shared/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from './create-app';

/** Runs on a temporary SQLite file, or on the database of `DATABASE_URL` when it is set. */
function testEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    // Nothing listens there: the health check reports the mail as down, nothing is sent.
    SMTP_URL: 'smtp://127.0.0.1:9',
    SEED_DEMO_USER: 'false',
    SERVE_SPA: 'false',
    SESSION_SECRET: 'integration-test-secret-0123456789abcdef',
  };
}

function cookieValue(res: Response, name: string): string | undefined {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((value) => value.startsWith(`${name}=`));
  return cookie?.slice(name.length + 1).split(';')[0];
}

/** A browser-like client: keeps cookies and echoes the XSRF cookie in the header. */
class Browser {
  readonly agent: TestAgent;
  private xsrf = '';

  constructor(app: NestExpressApplication) {
    this.agent = request.agent(app.getHttpServer());
  }

  get xsrfToken(): string {
    return this.xsrf;
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

describe('createApp', () => {
  const externalDatabase = process.env['DATABASE_URL'];
  let folder: string;
  let databaseUrl: string;
  let app: NestExpressApplication;
  const suffix = Math.random().toString(36).slice(2, 8);
  const account = {
    username: `ada-${suffix}`,
    email: `Ada.${suffix}@Example.com`,
    password: 'correct horse battery staple',
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'twofold-app-'));
    databaseUrl = externalDatabase ?? `sqlite:${join(folder, 'data', 'twofold.sqlite')}`;
    app = await createApp(testEnv(databaseUrl), { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs up, reads the account, signs out and signs in again', async () => {
    const browser = new Browser(app);

    const anonymous = await browser.get('/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ state: 'anonymous' });
    expect(cookieValue(anonymous, XSRF_COOKIE)).toBeDefined();

    const signUp = await browser.post('/api/auth/signup', account);
    expect(signUp.status).toBe(201);
    expect(signUp.body).toMatchObject({
      username: account.username,
      email: account.email.toLowerCase(),
      role: 'user',
      twoFactor: { enabled: false, methods: [] },
    });
    expect(JSON.stringify(signUp.body)).not.toContain('password');
    const firstSession = cookieValue(signUp, SESSION_COOKIE);
    expect(firstSession).toBeDefined();

    expect((await browser.get('/api/account')).body.username).toBe(account.username);

    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect((await browser.get('/api/account')).status).toBe(401);

    const signIn = await browser.post('/api/auth/login', {
      username: account.username,
      password: account.password,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({
      state: SessionState.Authenticated,
      user: { username: account.username },
    });
    expect(cookieValue(signIn, SESSION_COOKIE)).not.toBe(firstSession);

    const session = await browser.get('/api/auth/session');
    expect(session.body.state).toBe(SessionState.Authenticated);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const browser = new Browser(app);
    await browser.get('/api/auth/session');

    const unknown = await browser.post('/api/auth/login', {
      username: `nobody-${suffix}`,
      password: 'whatever it is',
    });
    const wrong = await browser.post('/api/auth/login', {
      username: account.username,
      password: 'not the password',
    });

    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe(ApiErrorCode.InvalidCredentials);
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const res = await request(app.getHttpServer()).post('/api/auth/signup').send(account);

    expect(res.status).toBe(403);
    expect(res.body.code).toBe(ApiErrorCode.CsrfFailed);
  });

  it('refuses a state-changing request from a foreign origin, even with the token', async () => {
    const browser = new Browser(app);
    await browser.get('/api/auth/session');

    const res = await browser.agent
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .set(XSRF_HEADER, browser.xsrfToken)
      .send({ username: account.username, password: account.password });

    expect(res.status).toBe(403);
    expect(res.body.code).toBe(ApiErrorCode.CsrfFailed);
  });

  it('serves the OpenAPI description under a strict content security policy', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');

    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/signup', '/api/account']),
    );
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers bad input with 400 and unknown routes with a JSON 404', async () => {
    const browser = new Browser(app);
    await browser.get('/api/auth/session');

    const invalid = await browser.post('/api/auth/signup', { ...account, admin: true });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe(ApiErrorCode.ValidationFailed);
    expect(invalid.body.fields).toHaveProperty('admin');

    const missing = await browser.get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(ApiErrorCode.NotFound);
  });

  it('reports the database in the health check', async () => {
    const res = await request(app.getHttpServer()).get('/api/health');

    expect(res.body).toMatchObject({ database: 'up', mail: 'down', status: 'degraded' });
    expect(res.status).toBe(503);
  });

  it('starts a second app on the same database, where the sessions still hold', async () => {
    const browser = new Browser(app);
    await browser.get('/api/auth/session');
    await browser.post('/api/auth/login', {
      username: account.username,
      password: account.password,
    });
    const cookies = (await browser.get('/api/auth/session')).request.cookies;

    const second = await createApp(testEnv(databaseUrl), { logger: false });
    try {
      const res = await request(second.getHttpServer())
        .get('/api/account')
        .set('Cookie', cookies as unknown as string);
      expect(res.status).toBe(200);
      expect(res.body.username).toBe(account.username);
    } finally {
      await second.close();
    }
  });
});
