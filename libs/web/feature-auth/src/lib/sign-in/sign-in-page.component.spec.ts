import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiErrorCode, MfaMethod, SessionState } from '@twofold/shared/contracts';
import { SESSION_EXPIRED_MESSAGE, SessionStore } from '@twofold/web/data-access';

import { SignInPageComponent } from './sign-in-page.component';

describe(SignInPageComponent.name, () => {
  let fixture: ComponentFixture<SignInPageComponent>;
  let http: HttpTestingController;
  let router: Router;

  const page = (): HTMLElement => fixture.nativeElement;

  async function fill(label: string, value: string): Promise<void> {
    const labels = Array.from(page().querySelectorAll('label'));
    const target = labels.find((l) => l.textContent?.includes(label));
    const input = page().querySelector(`#${target?.htmlFor}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function signIn(): Promise<void> {
    await fill('Username', 'alice');
    await fill('Password', 'a long passphrase');
    page().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInPageComponent);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the API message for a wrong password', async () => {
    await signIn();
    http.expectOne('/api/auth/login').flush(
      {
        statusCode: 401,
        code: ApiErrorCode.InvalidCredentials,
        message: 'Wrong username or password.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      'Wrong username or password.',
    );
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('goes on to Multi-Factor Verification when the account has 2FA', async () => {
    await signIn();
    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ username: 'alice', password: 'a long passphrase' });
    request.flush({
      state: SessionState.PendingMfa,
      methods: [MfaMethod.Email],
      expiresAt: '2026-12-03T10:10:00Z',
    });
    await fixture.whenStable();

    expect(TestBed.inject(SessionStore).state()).toBe(SessionState.PendingMfa);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/verify');
  });

  it('says why the user is back when a pending sign-in expired', async () => {
    TestBed.inject(SessionStore).clear(SESSION_EXPIRED_MESSAGE);
    fixture = TestBed.createComponent(SignInPageComponent);
    await fixture.whenStable();

    expect(page().textContent).toContain('Your sign-in expired. Please sign in again.');
  });

  it('says so when the API cannot be reached', async () => {
    await signIn();
    http.expectOne('/api/auth/login').error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();

    expect(page().textContent).toContain(
      "Can't reach Twofold. Check your connection and try again.",
    );
  });
});
