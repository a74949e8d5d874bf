import { ApiErrorCode } from '@twofold/shared/contracts';
import {
  aUser,
  expectError,
  expectStatus,
  signIn,
  signInPendingMfa,
  signInWithEmailCode,
  signUp,
  signUpWithEmail2fa,
} from './support/flows';
import { RecordingLogger } from './support/recording-logger';
import { TestApp } from './support/test-app';

describe('signing out the other sessions', () => {
  const logger = new RecordingLogger();
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('other_sessions', { logger });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('ends every other session of the user, pending ones too, and keeps this one', async () => {
    const user = aUser();
    const signUpBrowser = await signUpWithEmail2fa(app, user);
    const phone = await signInWithEmailCode(app, user);
    const thief = await signInPendingMfa(app, user);
    const laptop = await signInWithEmailCode(app, user);
    const neighbour = await signUp(app, aUser('neighbour'));

    const before = await laptop.get('/api/auth/sessions');
    expectStatus(before, 200);
    expect(before.body).toEqual({ otherSessions: 3 });

    const ended = await laptop.post('/api/auth/sessions/end-others');
    expectStatus(ended, 200);
    expect(ended.body).toEqual({ ended: 3 });

    expectError(await phone.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    expectError(await signUpBrowser.get('/api/account'), 401, ApiErrorCode.Unauthenticated);
    expect((await thief.get('/api/auth/session')).body).toEqual({ state: 'anonymous' });
    expectStatus(await laptop.get('/api/account'), 200);
    expect((await laptop.get('/api/auth/sessions')).body).toEqual({ otherSessions: 0 });
    expectStatus(await neighbour.get('/api/account'), 200);
    expect(logger.text).toMatch(/signed out 3 other session\(s\)/);
  });

  it('ends nothing for a request forged from another site', async () => {
    const user = aUser();
    const phone = await signUp(app, user);
    const laptop = await app.openBrowser();
    expectStatus(await signIn(laptop, user), 200);

    expectError(
      await laptop.post('/api/auth/sessions/end-others', {}, { xsrf: false }),
      403,
      ApiErrorCode.CsrfFailed,
    );
    expectError(
      await laptop.post('/api/auth/sessions/end-others', {}, { origin: 'https://evil.example' }),
      403,
      ApiErrorCode.CsrfFailed,
    );

    expectStatus(await phone.get('/api/account'), 200);
    expect((await laptop.get('/api/auth/sessions')).body).toEqual({ otherSessions: 1 });
  });

  it('is refused to a session that has only passed the password', async () => {
    const user = aUser();
    const owner = await signUpWithEmail2fa(app, user);
    const thief = await signInPendingMfa(app, user);

    expectError(await thief.get('/api/auth/sessions'), 403, ApiErrorCode.WrongSessionState);
    expectError(
      await thief.post('/api/auth/sessions/end-others'),
      403,
      ApiErrorCode.WrongSessionState,
    );

    expectStatus(await owner.get('/api/account'), 200);
  });
});
