import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiErrorCode, Role, SessionState } from '@twofold/shared/contracts';
import { SessionStore } from '@twofold/web/data-access';

import { SignUpPageComponent } from './sign-up-page.component';

const authenticated = {
  state: SessionState.Authenticated,
  expiresAt: '2026-12-03T22:00:00Z',
  user: {
    id: 'u1',
    username: 'alice',
    email: 'alice@example.com',
    role: Role.User,
    createdAt: '2026-12-03T10:00:00Z',
    twoFactor: { enabled: false, methods: [], enforcementDate: null },
  },
} as const;

describe(SignUpPageComponent.name, () => {
  let fixture: ComponentFixture<SignUpPageComponent>;
  let http: HttpTestingController;

  const page = (): HTMLElement => fixture.nativeElement;

  async function fill(label: string, value: string): Promise<void> {
    const labels = Array.from(page().querySelectorAll('label'));
    const target = labels.find((l) => l.textContent?.includes(label));
    const input = page().querySelector(`#${target?.htmlFor}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function submit(password: string): Promise<void> {
    await fill('Username', 'alice');
    await fill('Email', 'alice@example.com');
    await fill('Password', password);
    page().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignUpPageComponent);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('states the password rule: at least 8 characters', () => {
    expect(page().textContent).toContain('At least 8 characters');
  });

  it('shows the password hint without stray leading or trailing spaces', () => {
    const field = page().querySelector('input[type="password"]')?.closest('mat-form-field');

    expect(field?.querySelector('mat-hint')?.textContent).toBe(
      'At least 8 characters. Any characters you like; a long passphrase is best. ' +
        'Common passwords are refused.',
    );
  });

  it('refuses a password shorter than 8 characters without asking the API', async () => {
    await submit('short');

    http.expectNone('/api/auth/signup');
    expect(page().textContent).toContain('Use at least 8 characters.');
  });

  it("shows the API's message under the field it is about", async () => {
    await submit('password1');
    http.expectOne('/api/auth/signup').flush(
      {
        statusCode: 400,
        code: ApiErrorCode.ValidationFailed,
        message: 'Check the fields.',
        fields: { password: ['This password is too common. Choose another.'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(page().querySelector('mat-error')?.textContent).toContain(
      'This password is too common. Choose another.',
    );
  });

  it('puts a taken username on the username field', async () => {
    await submit('a long passphrase');
    http
      .expectOne('/api/auth/signup')
      .flush(
        { statusCode: 409, code: ApiErrorCode.UsernameTaken, message: 'That username is taken.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(page().querySelector('mat-error')?.textContent).toContain('That username is taken.');
  });

  it('signs the new user in and goes home', async () => {
    await submit('a long passphrase');
    http
      .expectOne('/api/auth/signup')
      .flush(authenticated.user, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    http.expectOne('/api/auth/session').flush(authenticated);
    await new Promise((resolve) => setTimeout(resolve));

    expect(TestBed.inject(SessionStore).user()?.username).toBe('alice');
    expect(TestBed.inject(Router).navigateByUrl).toHaveBeenCalledWith('/');
  });
});
