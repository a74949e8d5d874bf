import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApiErrorCode, EmailOtpPurpose, MfaMethod, SessionState } from '@twofold/shared/contracts';

import { ApiProblem } from './api-error';
import { ResendCooldownStore } from './resend-cooldown.store';
import { SessionStore } from './session.store';

const NOW = Date.parse('2026-12-03T10:00:00Z');

const problem = (code: ApiErrorCode, retryAfterSeconds: number | null): ApiProblem => ({
  status: 429,
  code,
  message: 'Wait.',
  fields: {},
  retryAfterSeconds,
});

describe(ResendCooldownStore.name, () => {
  let sut: ResendCooldownStore;
  let session: SessionStore;

  const settle = () => TestBed.inject(ApplicationRef).whenStable();

  beforeEach(async () => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    session = TestBed.inject(SessionStore);
    session.set({
      state: SessionState.PendingMfa,
      methods: [MfaMethod.Email],
      expiresAt: '2026-12-03T10:10:00Z',
    });
    sut = TestBed.inject(ResendCooldownStore);
    await settle();
  });

  afterEach(() => jest.restoreAllMocks());

  it('remembers the wait a sent code starts, per purpose', () => {
    sut.sent(EmailOtpPurpose.SignIn, {
      sentTo: 'a•••e@example.com',
      expiresAt: '2026-12-03T10:10:00Z',
      resendAvailableAt: '2026-12-03T10:01:00Z',
    });

    expect(sut.availableAt(EmailOtpPurpose.SignIn)()).toBe(NOW + 60_000);
    expect(sut.availableAt(EmailOtpPurpose.EnableEmail)()).toBeNull();
  });

  it('takes the wait from a cooldown refusal, and ignores other problems', () => {
    sut.refused(EmailOtpPurpose.SignIn, problem(ApiErrorCode.CodeInvalid, null));
    expect(sut.availableAt(EmailOtpPurpose.SignIn)()).toBeNull();

    sut.refused(EmailOtpPurpose.SignIn, problem(ApiErrorCode.ResendCooldown, 42));
    expect(sut.availableAt(EmailOtpPurpose.SignIn)()).toBe(NOW + 42_000);
  });

  it('forgets the waits when the session changes, as the API does', async () => {
    sut.refused(EmailOtpPurpose.SignIn, problem(ApiErrorCode.ResendCooldown, 42));

    session.clear();
    await settle();

    expect(sut.availableAt(EmailOtpPurpose.SignIn)()).toBeNull();
  });
});
