import { ApiErrorCode, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@twofold/shared/contracts';
import request, { type Response } from 'supertest';
import type { Browser } from './support/browser';
import {
  aUser,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signUpWithEmail2fa,
} from './support/flows';
import { RecordingLogger } from './support/recording-logger';
import { TestApp } from './support/test-app';

/** `[[[…"x"…]]]`, `levels` arrays deep: a few KB of text that is still valid JSON. */
function nested(levels: number): string {
  return `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
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
  function postRaw(
    browser: Browser,
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const cookies = [SESSION_COOKIE, XSRF_COOKIE]
      .map((name) => [name, browser.cookie(name)] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    return request(app.baseUrl)
      .post(path)
      .set('Cookie', cookies.join('; '))
      .set(XSRF_HEADER, browser.xsrfToken ?? '')
      .set({ 'Content-Type': 'application/json', ...headers })
      .send(body);
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

  it('never logged a 500', () => {
    expect(logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });
});
