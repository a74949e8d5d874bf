import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  ApiErrorCode,
  MfaMethod,
  Role,
  SessionState,
  TotpSetupResponse,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import { SessionStore } from '@twofold/web/data-access';

import { findButton, typeInto } from '../../testing/dialog-testing';
import {
  TOTP_ADDED_MESSAGE,
  TotpSetupPageComponent,
  groupSecret,
} from './totp-setup-page.component';
import { TotpSetupStore } from './totp-setup.store';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const bothOn: TwoFactorStatus = {
  enabled: true,
  methods: [MfaMethod.Email, MfaMethod.Totp],
  enforcementDate: null,
};

function setupResponse(expiresAt: Date): TotpSetupResponse {
  return {
    secret: SECRET,
    keyUri: `otpauth://totp/Twofold:alice?secret=${SECRET}&issuer=Twofold`,
    qrCodeDataUrl: QR,
    expiresAt: expiresAt.toISOString(),
  };
}

describe(TotpSetupPageComponent.name, () => {
  let fixture: ComponentFixture<TotpSetupPageComponent>;
  let http: HttpTestingController;
  let router: Router;
  let store: TotpSetupStore;

  const page = (): HTMLElement => fixture.nativeElement;
  const codeInput = (): HTMLInputElement => page().querySelector('input') as HTMLInputElement;

  async function open(setup: TotpSetupResponse | null): Promise<void> {
    if (setup) {
      store.start(setup);
    }
    fixture = TestBed.createComponent(TotpSetupPageComponent);
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    store = TestBed.inject(TotpSetupStore);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    TestBed.inject(SessionStore).set({
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
    });
  });

  afterEach(() => http.verify());

  it('groups a key in fours for reading', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOPQR')).toBe('ABCD EFGH IJKL MNOP QR');
    expect(groupSecret('')).toBe('');
  });

  it('shows the QR code, the grouped key, the apps to use and when the setup expires', async () => {
    const expiresAt = new Date(2026, 11, 3, 14, 7);
    await open(setupResponse(expiresAt));

    expect(page().querySelector('h1')?.textContent).toBe('Set up your authenticator app');
    expect(page().textContent).toContain('Google Authenticator');
    expect(page().textContent).toContain('Microsoft Authenticator');

    const qr = page().querySelector<HTMLImageElement>(
      'img[alt="QR code for your authenticator app"]',
    );
    expect(qr?.getAttribute('src')).toBe(QR);

    const key = page().querySelector('[data-secret]');
    expect(key?.getAttribute('data-secret')).toBe(SECRET);
    expect(key?.textContent?.trim()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    expect(page().textContent).toContain('This setup expires at 14:07');
    expect(page().querySelector('label')?.textContent).toContain('One-time password');
    expect(findButton(page(), 'Verify')).toBeDefined();
  });

  it('copies the key without the spaces and says so', async () => {
    await open(setupResponse(new Date(Date.now() + 900_000)));
    const copy = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);

    findButton(page(), 'Copy key')?.click();
    await fixture.whenStable();

    expect(copy).toHaveBeenCalledWith(SECRET);
    expect(page().textContent).toContain('Key copied.');
  });

  it('says when the browser refused to copy', async () => {
    await open(setupResponse(new Date(Date.now() + 900_000)));
    jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(false);

    findButton(page(), 'Copy key')?.click();
    await fixture.whenStable();

    expect(page().textContent).toContain('Could not copy the key.');
  });

  it('shows a wrong code answer, lets the user retry, then returns to settings with a message', async () => {
    await open(setupResponse(new Date(Date.now() + 900_000)));

    await typeInto(codeInput(), '111111');
    findButton(page(), 'Verify')?.click();
    const wrong = http.expectOne('/api/two-factor/totp/activate');
    expect(wrong.request.method).toBe('POST');
    expect(wrong.request.body).toEqual({ code: '111111' });
    wrong.flush(
      { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      'That code is not right.',
    );
    expect(findButton(page(), 'Verify')?.disabled).toBe(false);
    expect(document.activeElement).toBe(codeInput());
    expect(router.navigateByUrl).not.toHaveBeenCalled();

    await typeInto(codeInput(), '123456');
    findButton(page(), 'Verify')?.click();
    http.expectOne('/api/two-factor/totp/activate').flush(bothOn);
    await fixture.whenStable();

    expect(router.navigateByUrl).toHaveBeenCalledWith('/settings/two-factor');
    expect(store.takeNotice()).toBe(TOTP_ADDED_MESSAGE);
    expect(store.setup()).toBeNull();
    expect(TestBed.inject(SessionStore).user()?.twoFactor.methods).toContain(MfaMethod.Totp);
  });

  it('does not send a code that is not six digits', async () => {
    await open(setupResponse(new Date(Date.now() + 900_000)));

    await typeInto(codeInput(), '12 456');
    findButton(page(), 'Verify')?.click();
    await fixture.whenStable();

    http.expectNone('/api/two-factor/totp/activate');
    expect(page().textContent).toContain('The code is exactly 6 digits.');
  });

  it('asks to start again when opened without a setup, as after a reload', async () => {
    await open(null);

    expect(page().querySelector('h1')?.textContent).toBe('Set up your authenticator app');
    expect(page().querySelector('img')).toBeNull();
    expect(page().querySelector('[data-secret]')).toBeNull();
    expect(page().textContent).toContain('start the setup again from Two Factor Settings');
    const back = Array.from(page().querySelectorAll('a')).find(
      (link) => link.textContent?.trim() === 'Back to Two Factor Settings',
    );
    expect(back?.getAttribute('href')).toBe('/settings/two-factor');
  });

  it('forgets the secret when the page is left', async () => {
    await open(setupResponse(new Date(Date.now() + 900_000)));

    fixture.destroy();

    expect(store.setup()).toBeNull();
  });
});
