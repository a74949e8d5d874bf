import { XSRF_COOKIE } from '@twofold/shared/contracts';
import { CsrfService } from './csrf.service';
import { fakeResponse, testConfig } from './fakes.test-support';

describe(CsrfService.name, () => {
  const sut = new CsrfService(testConfig());

  function issue(sessionId: string | null): string {
    const res = fakeResponse();
    sut.issue(res, sessionId);
    return res.jar.get(XSRF_COOKIE) ?? '';
  }

  it('issues a fresh token each time, valid for its own session', () => {
    const first = issue('session-1');
    const second = issue('session-1');

    expect(first).not.toBe(second);
    expect(sut.isValid(first, 'session-1')).toBe(true);
    expect(sut.isValid(second, 'session-1')).toBe(true);
  });

  it('refuses a token of another session or of the anonymous visitor', () => {
    expect(sut.isValid(issue('session-1'), 'session-2')).toBe(false);
    expect(sut.isValid(issue(null), 'session-1')).toBe(false);
    expect(sut.isValid(issue('session-1'), null)).toBe(false);
  });

  it('refuses a token signed with another secret', () => {
    const other = new CsrfService(
      testConfig({ SESSION_SECRET: 'another-secret-0123456789abcdefgh' }),
    );
    const res = fakeResponse();
    other.issue(res, null);

    expect(sut.isValid(res.jar.get(XSRF_COOKIE), null)).toBe(false);
  });

  it.each([undefined, '', 'nonce', 'nonce.', '.mac', 'a.b.c', 'x'.repeat(200)])(
    'refuses the malformed token %j',
    (token) => {
      expect(sut.isValid(token, null)).toBe(false);
    },
  );
});
