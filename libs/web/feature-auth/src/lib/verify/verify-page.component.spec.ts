import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  ApiErrorCode,
  MfaMethod,
  Role,
  SessionState,
  SessionView,
} from '@twofold/shared/contracts';
import { SessionStore } from '@twofold/web/data-access';

import { VerifyPageComponent } from './verify-page.component';

const authenticated: SessionView = {
  state: SessionState.Authenticated,
  expiresAt: '2026-12-03T22:00:00Z',
  user: {
    id: 'u1',
    username: 'alice',
    email: 'alice@example.com',
    role: Role.User,
    createdAt: '2026-11-02T10:00:00Z',
    twoFactor: { enabled: true, methods: [MfaMethod.Email], enforcementDate: null },
  },
};

describe(VerifyPageComponent.name, () => {
  let fixture: ComponentFixture<VerifyPageComponent>;
  let http: HttpTestingController;
  let router: Router;
  let store: SessionStore;

  const page = (): HTMLElement => fixture.nativeElement;
  const buttons = (): HTMLButtonElement[] => Array.from(page().querySelectorAll('button'));
  const button = (label: string | RegExp): HTMLButtonElement | undefined =>
    buttons().find((candidate) => {
      const text = candidate.textContent?.trim() ?? '';
      return typeof label === 'string' ? text === label : label.test(text);
    });
  const codeInput = (): HTMLInputElement => page().querySelector('input') as HTMLInputElement;

  async function open(methods: MfaMethod[]): Promise<void> {
    store.set({ state: SessionState.PendingMfa, methods, expiresAt: '2026-12-03T10:10:00Z' });
    fixture = TestBed.createComponent(VerifyPageComponent);
    await fixture.whenStable();
  }

  async function typeCode(code: string): Promise<void> {
    codeInput().value = code;
    codeInput().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    store = TestBed.inject(SessionStore);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('is titled Multi-Factor Verification and offers only the methods the user has', async () => {
    await open([MfaMethod.Email]);

    expect(page().querySelector('h1')?.textContent).toBe('Multi-Factor Verification');
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Email']);
  });

  it('offers the authenticator app when the user has one', async () => {
    await open([MfaMethod.Totp, MfaMethod.Email]);

    expect(buttons().map((b) => b.textContent?.trim())).toEqual([
      'Email',
      'Time-Based One-Time Password',
    ]);
  });

  it('shows the code request only once Email is chosen', async () => {
    await open([MfaMethod.Email, MfaMethod.Totp]);
    expect(button(/^Request One Time Password/)).toBeUndefined();

    button('Email')?.click();
    await fixture.whenStable();

    expect(button('Email')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('Request One Time Password')).toBeDefined();
    expect(button('Validate')).toBeDefined();
    expect(page().querySelector('label')?.textContent).toContain('One-time password');
  });

  it('sends a code, says where it went, moves focus to the field and starts the cooldown', async () => {
    await open([MfaMethod.Email]);
    button('Email')?.click();
    await fixture.whenStable();

    button('Request One Time Password')?.click();
    const sent = http.expectOne('/api/mfa/verify/email/send');
    expect(sent.request.method).toBe('POST');
    sent.flush({
      sentTo: 'a•••e@example.com',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      resendAvailableAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await fixture.whenStable();

    expect(page().textContent).toContain('We sent a code to a•••e@example.com');
    expect(document.activeElement).toBe(codeInput());
    const request = button(/^Request One Time Password \(\d+ s\)$/);
    expect(request?.disabled).toBe(true);
  });

  it('shows a wrong code answer and lets the user try again, then goes home', async () => {
    await open([MfaMethod.Email]);
    button('Email')?.click();
    await fixture.whenStable();

    await typeCode('111111');
    button('Validate')?.click();
    const wrong = http.expectOne('/api/mfa/verify/email');
    expect(wrong.request.body).toEqual({ code: '111111' });
    wrong.flush(
      { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      'That code is not right.',
    );
    expect(button('Validate')?.disabled).toBe(false);

    await typeCode('123456');
    button('Validate')?.click();
    http.expectOne('/api/mfa/verify/email').flush(authenticated);
    await fixture.whenStable();

    expect(store.user()?.username).toBe('alice');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('does not send a code that is not six digits', async () => {
    await open([MfaMethod.Email]);
    button('Email')?.click();
    await fixture.whenStable();

    await typeCode('12345');
    button('Validate')?.click();
    await fixture.whenStable();

    http.expectNone('/api/mfa/verify/email');
    expect(page().textContent).toContain('The code is exactly 6 digits.');
  });

  it('checks an authenticator code against the TOTP route', async () => {
    await open([MfaMethod.Email, MfaMethod.Totp]);
    button('Time-Based One-Time Password')?.click();
    await fixture.whenStable();

    expect(button(/^Request One Time Password/)).toBeUndefined();
    await typeCode('654321');
    button('Validate')?.click();
    const request = http.expectOne('/api/mfa/verify/totp');
    expect(request.request.body).toEqual({ code: '654321' });
    request.flush(authenticated);
    await fixture.whenStable();

    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('offers only the authenticator app to a user whose session lists only it', async () => {
    await open([MfaMethod.Totp]);

    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Time-Based One-Time Password']);
  });

  it('shows a wrong authenticator code answer and lets the user try again', async () => {
    await open([MfaMethod.Email, MfaMethod.Totp]);
    button('Time-Based One-Time Password')?.click();
    await fixture.whenStable();
    expect(page().textContent).toContain('Open your authenticator app');

    await typeCode('111111');
    button('Validate')?.click();
    http
      .expectOne('/api/mfa/verify/totp')
      .flush(
        { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      'That code is not right.',
    );
    expect(document.activeElement).toBe(codeInput());
    expect(router.navigateByUrl).not.toHaveBeenCalled();

    await typeCode('222222');
    button('Validate')?.click();
    const retry = http.expectOne('/api/mfa/verify/totp');
    expect(retry.request.body).toEqual({ code: '222222' });
    retry.flush(authenticated);
    await fixture.whenStable();

    expect(store.authenticated()).toBe(true);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });
});
