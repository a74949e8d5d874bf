import { ApiErrorCode, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@twofold/shared/contracts';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import request, { type Response } from 'supertest';
import type { Browser } from './support/browser';
import {
  aUser,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
} from './support/flows';
import { RecordingLogger } from './support/recording-logger';
import { TestApp } from './support/test-app';

/** `[[[…"x"…]]]`, `levels` arrays deep: a few KB of text that is still valid JSON. */
function nested(levels: number): string {
  return `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
}

/** Catches everything written through `console` until `restore()`: TypeORM logs there directly. */
function captureConsole(): { readonly lines: readonly string[]; restore(): void } {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
      lines.push(parts.map((part) => inspect(part, { depth: 6 })).join(' '));
    }),
  );
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

/** The cookies and XSRF header the browser would send, for hand-made requests. */
function browserHeaders(browser: Browser): Record<string, string> {
  const cookies = [SESSION_COOKIE, XSRF_COOKIE]
    .map((name) => [name, browser.cookie(name)] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return { Cookie: cookies.join('; '), [XSRF_HEADER]: browser.xsrfToken ?? '' };
}

describe('hostile request bodies', () => {
  const logger = new RecordingLogger();
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('request_hardening', { logger });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Sends `body` as it is, with the browser's cookies and XSRF header. */
  function postRaw(browser: Browser, path: string, body: string): Promise<Response> {
    return request(app.baseUrl)
      .post(path)
      .set(browserHeaders(browser))
      .set('Content-Type', 'application/json')
      .send(body);
  }

  /**
   * Sends `bytes` with a `Content-Encoding`, through fetch: supertest would serialize a Buffer
   * as JSON (`{"type":"Buffer",…}`) under a JSON content type.
   */
  async function postEncoded(
    browser: Browser,
    path: string,
    bytes: Buffer,
    encoding: string,
  ): Promise<{ readonly status: number; readonly body: { readonly code?: unknown } }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        ...browserHeaders(browser),
        'Content-Type': 'application/json',
        'Content-Encoding': encoding,
      },
      body: new Uint8Array(bytes),
    });
    return { status: response.status, body: (await response.json()) as { code?: unknown } };
  }

  describe('a body nested 3000 levels deep', () => {
    it('is refused at sign-in with 400 validation_failed', async () => {
      const body = `{"username":${nested(3000)},"password":"x"}`;
      expect(body.length).toBeLessThan(16 * 1024);

      const response = await postRaw(await app.openBrowser(), '/api/auth/login', body);

      expectError(response, 400, ApiErrorCode.ValidationFailed);
    });

    it('is refused at sign-up with 400 validation_failed, and creates no account', async () => {
      const user = aUser();
      const body = `{"username":"${user.username}","email":${nested(3000)},"password":"${user.password}"}`;

      const response = await postRaw(await app.openBrowser(), '/api/auth/signup', body);

      expectError(response, 400, ApiErrorCode.ValidationFailed);
      expectError(
        await signIn(await app.openBrowser(), user),
        401,
        ApiErrorCode.InvalidCredentials,
      );
    });

    it('is refused as a sign-in code without using up a try: the real code still works', async () => {
      const user = aUser();
      await signUpWithEmail2fa(app, user);
      const pending = await signInPendingMfa(app, user);
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      const code = await app.mail.nextCode(user.email);

      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await postRaw(
          pending,
          '/api/mfa/verify/email',
          `{"code":${nested(3000)}}`,
        );
        expectError(response, 400, ApiErrorCode.ValidationFailed);
      }

      expectStatus(await pending.post('/api/mfa/verify/email', { code }), 200);
    });

    it('leaves a body of ordinary depth alone', async () => {
      const response = await postRaw(
        await app.openBrowser(),
        '/api/auth/login',
        `{"username":${nested(20)},"password":"x"}`,
      );

      // Refused by the DTO's validation, which names the field: the depth check let it through.
      expectError(response, 400, ApiErrorCode.ValidationFailed);
      expect(response.body.fields).toHaveProperty('username');
    });
  });

  describe('Content-Encoding', () => {
    const garbage = Buffer.from('this is not compressed at all, just bytes');

    it.each(['gzip', 'deflate', 'br'])(
      'answers a garbled %s body with 400 validation_failed',
      async (encoding) => {
        const answer = await postEncoded(
          await app.openBrowser(),
          '/api/auth/login',
          garbage,
          encoding,
        );

        expect([answer.status, answer.body.code]).toEqual([400, ApiErrorCode.ValidationFailed]);
      },
    );

    it('answers an encoding it does not know with 415 validation_failed', async () => {
      const answer = await postEncoded(
        await app.openBrowser(),
        '/api/auth/login',
        garbage,
        'x-squeeze',
      );

      expect([answer.status, answer.body.code]).toEqual([415, ApiErrorCode.ValidationFailed]);
    });

    it('still reads a well-formed gzip body', async () => {
      const user = aUser();
      await signUp(app, user);
      const body = gzipSync(JSON.stringify({ username: user.username, password: user.password }));

      const answer = await postEncoded(await app.openBrowser(), '/api/auth/login', body, 'gzip');

      expect(answer.status).toBe(200);
    });
  });

  describe('what reaches a log', () => {
    it('logs that a body was malformed, without the text of the password in it', async () => {
      const password = 'zq7hunter2zq7';
      const body = `{"username":"demo","password":${password}}`;

      const response = await postRaw(await app.openBrowser(), '/api/auth/login', body);

      expectError(response, 400, ApiErrorCode.ValidationFailed);
      expect(logger.text).toContain('malformed body on POST /api/auth/login');
      for (let start = 0; start + 6 <= password.length; start++) {
        expect(logger.text).not.toContain(password.slice(start, start + 6));
      }
    });

    it('logs no password hash, password or email when sign-ups race for one username', async () => {
      const output = captureConsole();
      const username = aUser('racer').username;
      const racers = Array.from({ length: 8 }, (_, i) => ({
        ...aUser(`racer${i}`),
        username,
      }));

      try {
        const answers = await Promise.all(
          racers.map(async (racer) => (await app.openBrowser()).post('/api/auth/signup', racer)),
        );

        expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
        for (const refused of answers.filter((r) => r.status !== 201)) {
          expectError(refused, 409, ApiErrorCode.UsernameTaken);
        }
      } finally {
        output.restore();
      }

      // The race reached the INSERT, where the database refused the losers' rows.
      expect(logger.text).toContain('Query failed');
      for (const text of [logger.text, ...output.lines]) {
        expect(text).not.toContain('$argon2');
        for (const racer of racers) {
          expect(text).not.toContain(racer.password);
          expect(text).not.toContain(racer.email);
        }
      }
    });
  });

  it('never logged a 500', () => {
    expect(logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });
});
