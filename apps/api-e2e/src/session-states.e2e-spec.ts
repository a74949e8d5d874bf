import { ApiErrorCode, EmailOtpPurpose } from '@twofold/shared/contracts';
import type { Browser } from './support/browser';
import {
  aUser,
  expectError,
  expectStatus,
  signInPendingMfa,
  signUp,
  signUpWithEmail2fa,
} from './support/flows';
import { TestApp } from './support/test-app';

type Route = readonly [method: 'GET' | 'POST', path: string, body?: object];

const AUTHENTICATED_ROUTES: readonly Route[] = [
  ['GET', '/api/account'],
  ['GET', '/api/two-factor'],
  ['POST', '/api/two-factor/email/send', { purpose: EmailOtpPurpose.EnableEmail }],
  ['POST', '/api/two-factor/email/send', { purpose: EmailOtpPurpose.DisableEmail }],
  ['POST', '/api/two-factor/email/enable', { code: '123456' }],
  ['POST', '/api/two-factor/email/disable', { code: '123456' }],
  ['GET', '/api/auth/sessions'],
  ['POST', '/api/auth/sessions/end-others'],
];

const PENDING_MFA_ROUTES: readonly Route[] = [
  ['POST', '/api/mfa/verify/email/send'],
  ['POST', '/api/mfa/verify/email', { code: '123456' }],
];

function call(browser: Browser, [method, path, body]: Route) {
  return method === 'GET' ? browser.get(path) : browser.post(path, body);
}

describe('what each session state may reach', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('session_states');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('in pending-mfa (right password, second factor still missing)', () => {
    let pending: Browser;
    let email: string;

    beforeAll(async () => {
      const user = aUser();
      email = user.email;
      await signUpWithEmail2fa(app, user);
      pending = await signInPendingMfa(app, user);
    });

    it.each(AUTHENTICATED_ROUTES.map((route) => [`${route[0]} ${route[1]}`, route] as const))(
      'refuses %s with 403 wrong_session_state',
      async (_label, route) => {
        const response = await call(pending, route);

        expectError(response, 403, ApiErrorCode.WrongSessionState);
      },
    );

    it('sent no mail while refusing those routes', async () => {
      await app.mail.expectNoNewCode(email);
    });

    it('still reaches the second-factor routes and its own session', async () => {
      expectStatus(await pending.post('/api/mfa/verify/email/send'), 200);
      expect((await pending.get('/api/auth/session')).body.state).toBe('pending-mfa');
    });
  });

  describe('without a session', () => {
    it.each(
      [...AUTHENTICATED_ROUTES, ...PENDING_MFA_ROUTES].map(
        (route) => [`${route[0]} ${route[1]}`, route] as const,
      ),
    )('refuses %s with 401 unauthenticated', async (_label, route) => {
      const anonymous = await app.openBrowser();

      const response = await call(anonymous, route);

      expectError(response, 401, ApiErrorCode.Unauthenticated);
    });

    it('refuses a made-up session cookie the same way', async () => {
      const forger = await app.openBrowser();
      forger.setCookie('twofold_session', 'A'.repeat(43));

      expectError(await forger.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    });
  });

  describe('when authenticated', () => {
    it.each(PENDING_MFA_ROUTES.map((route) => [`${route[0]} ${route[1]}`, route] as const))(
      'refuses the second-factor route %s with 403 wrong_session_state',
      async (_label, route) => {
        const browser = await signUp(app, aUser());

        const response = await call(browser, route);

        expectError(response, 403, ApiErrorCode.WrongSessionState);
      },
    );
  });
});
