import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
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

import { dialogElement, findButton, settle, typeInto } from '../../testing/dialog-testing';
import { TOTP_ADDED_MESSAGE } from '../totp-setup/totp-setup-page.component';
import { TotpSetupStore } from '../totp-setup/totp-setup.store';
import {
  TOTP_OFF_MESSAGE,
  TwoFactorSettingsPageComponent,
} from './two-factor-settings-page.component';

const off: TwoFactorStatus = { enabled: false, methods: [], enforcementDate: null };
const on: TwoFactorStatus = { enabled: true, methods: [MfaMethod.Email], enforcementDate: null };
const withTotp: TwoFactorStatus = {
  enabled: true,
  methods: [MfaMethod.Email, MfaMethod.Totp],
  enforcementDate: null,
};
const setup: TotpSetupResponse = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  keyUri: 'otpauth://totp/Twofold:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Twofold',
  qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  expiresAt: '2026-12-03T10:15:00Z',
};

describe(TwoFactorSettingsPageComponent.name, () => {
  let fixture: ComponentFixture<TwoFactorSettingsPageComponent>;
  let http: HttpTestingController;

  const page = (): HTMLElement => fixture.nativeElement;
  const dialog = (): HTMLElement => dialogElement() as HTMLElement;
  const totpRow = (): HTMLElement => page().querySelector('[data-method="totp"]') as HTMLElement;
  const totpState = (): string | undefined =>
    totpRow().querySelector('.state')?.textContent?.trim();
  const codeInput = (): HTMLInputElement => dialog().querySelector('input') as HTMLInputElement;

  async function open(status: TwoFactorStatus, otherSessions = 0): Promise<void> {
    fixture = TestBed.createComponent(TwoFactorSettingsPageComponent);
    await fixture.whenStable();
    http.expectOne('/api/two-factor').flush(status);
    http.expectOne('/api/auth/sessions').flush({ otherSessions });
    await fixture.whenStable();
  }

  /** Requests an emailed code for `purpose`, types it and confirms; returns the body `route` got. */
  async function proveWithCode<T extends object>(
    purpose: string,
    route: string,
    answer: T,
  ): Promise<unknown> {
    findButton(dialog(), 'Request One Time Password')?.click();
    const send = http.expectOne('/api/two-factor/email/send');
    expect(send.request.body).toEqual({ purpose });
    send.flush({
      sentTo: 'a•••e@example.com',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      resendAvailableAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await settle();

    await typeInto(dialog().querySelector('input') as HTMLInputElement, '123456');
    findButton(dialog(), 'OTP Verification')?.click();
    const verify = http.expectOne(route);
    expect(verify.request.body).toMatchObject({ code: '123456' });
    verify.flush(answer);
    await settle();
    return verify.request.body;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).set({
      state: SessionState.Authenticated,
      expiresAt: '2026-12-03T22:00:00Z',
      user: {
        id: 'u1',
        username: 'alice',
        email: 'alice@example.com',
        role: Role.User,
        createdAt: '2026-11-02T10:00:00Z',
        twoFactor: off,
      },
    });
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    // Every change counts the other sessions again; tests that do not look at them let them be.
    for (const recount of http.match('/api/auth/sessions')) {
      recount.flush({ otherSessions: 0 });
    }
    http.verify();
  });

  it('shows email 2FA as off with Enable Two Factor', async () => {
    await open(off);

    expect(page().querySelector('h1')?.textContent).toBe('Two Factor Settings');
    expect(page().textContent).toContain('Email one-time passwords');
    expect(page().querySelector('.state')?.textContent?.trim()).toBe('Off');
    expect(findButton(page(), 'Enable Two Factor')).toBeDefined();
    expect(findButton(page(), 'Disable Two Factor')).toBeUndefined();
  });

  it('turns email 2FA on through the OTP dialog and says so', async () => {
    await open(off);

    findButton(page(), 'Enable Two Factor')?.click();
    await settle();
    expect(dialog()).not.toBeNull();
    await proveWithCode('enable-email', '/api/two-factor/email/enable', on);

    expect(dialogElement()).toBeNull();
    expect(page().querySelector('.state')?.textContent?.trim()).toBe('On');
    expect(page().querySelector('[role="status"]')?.textContent).toContain(
      'Two-factor authentication is on. You will be asked for a code when you sign in.',
    );
    expect(findButton(page(), 'Disable Two Factor')).toBeDefined();
    expect(TestBed.inject(SessionStore).user()?.twoFactor.enabled).toBe(true);
  });

  it('after turning email 2FA on, offers to sign out the other sessions', async () => {
    await open(off, 1);
    expect(page().textContent).not.toContain('You have just changed how you sign in');

    findButton(page(), 'Enable Two Factor')?.click();
    await settle();
    await proveWithCode('enable-email', '/api/two-factor/email/enable', on);
    http.expectOne('/api/auth/sessions').flush({ otherSessions: 1 });
    await settle();

    expect(page().textContent).toContain('You have just changed how you sign in');
    expect(findButton(page(), 'Sign out other sessions')).toBeDefined();
  });

  it('turns email 2FA off only with a code for disabling', async () => {
    await open(on);

    findButton(page(), 'Disable Two Factor')?.click();
    await settle();
    await proveWithCode('disable-email', '/api/two-factor/email/disable', off);

    expect(page().querySelector('.state')?.textContent?.trim()).toBe('Off');
    expect(findButton(page(), 'Enable Two Factor')).toBeDefined();
  });

  it('changes nothing when the dialog is cancelled', async () => {
    await open(off);

    findButton(page(), 'Enable Two Factor')?.click();
    await settle();
    findButton(dialog(), 'Cancel')?.click();
    await settle();

    expect(dialogElement()).toBeNull();
    expect(page().querySelector('.state')?.textContent?.trim()).toBe('Off');
    expect(page().querySelector('[role="status"]')).toBeNull();
  });

  describe('authenticator app (TOTP)', () => {
    it('cannot be added before email 2FA is on, and says why', async () => {
      await open(off);

      expect(totpRow().querySelector('h2')?.textContent).toBe(
        'Time Based One Time Password (TOTP)',
      );
      expect(totpState()).toBe('Off');
      expect(totpRow().textContent).toContain('Turn on email one-time passwords first');
      expect(findButton(totpRow(), 'Enable')).toBeUndefined();
      expect(findButton(totpRow(), 'Disable')).toBeUndefined();
    });

    it('is offered with Enable once email 2FA is on', async () => {
      await open(on);

      expect(totpState()).toBe('Off');
      expect(totpRow().textContent).not.toContain('Turn on email one-time passwords first');
      expect(findButton(totpRow(), 'Enable')?.disabled).toBe(false);
    });

    it('shows On with Disable when the app is active', async () => {
      await open(withTotp);

      expect(totpState()).toBe('On');
      expect(findButton(totpRow(), 'Disable')).toBeDefined();
      expect(findButton(totpRow(), 'Enable')).toBeUndefined();
    });

    it('verifies the email address, then opens the setup page with the new secret in memory', async () => {
      const router = TestBed.inject(Router);
      jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
      await open(on);

      findButton(totpRow(), 'Enable')?.click();
      await settle();
      expect(dialog().textContent).toContain('email address you registered with');
      await proveWithCode('enable-totp', '/api/two-factor/totp/setup', setup);

      expect(dialogElement()).toBeNull();
      expect(TestBed.inject(TotpSetupStore).setup()).toEqual(setup);
      expect(router.navigateByUrl).toHaveBeenCalledWith('/settings/two-factor/totp');
    });

    it('stays on the page when the email step is cancelled', async () => {
      const router = TestBed.inject(Router);
      jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
      await open(on);

      findButton(totpRow(), 'Enable')?.click();
      await settle();
      findButton(dialog(), 'Cancel')?.click();
      await settle();

      expect(router.navigateByUrl).not.toHaveBeenCalled();
      expect(TestBed.inject(TotpSetupStore).setup()).toBeNull();
    });

    it('shows the message of a finished setup once', async () => {
      TestBed.inject(TotpSetupStore).complete(TOTP_ADDED_MESSAGE);
      await open(withTotp);

      expect(page().querySelector('[role="status"]')?.textContent).toContain(
        'Authenticator app added. You can now sign in with a code from your app.',
      );
      expect(findButton(totpRow(), 'Disable')).toBeDefined();
      expect(TestBed.inject(TotpSetupStore).takeNotice()).toBeNull();
    });

    it('is turned off with a current code from the app, after a wrong one', async () => {
      await open(withTotp);

      findButton(totpRow(), 'Disable')?.click();
      await settle();
      expect(dialog().textContent).toContain('current code from your authenticator app');
      expect(findButton(dialog(), /^Request One Time Password/)).toBeUndefined();

      await typeInto(codeInput(), '111111');
      findButton(dialog(), 'OTP Verification')?.click();
      http
        .expectOne('/api/two-factor/totp/disable')
        .flush(
          { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
          { status: 422, statusText: 'Unprocessable Entity' },
        );
      await settle();
      expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
        'That code is not right.',
      );

      await typeInto(codeInput(), '654321');
      findButton(dialog(), 'OTP Verification')?.click();
      const disable = http.expectOne('/api/two-factor/totp/disable');
      expect(disable.request.body).toEqual({ code: '654321', proof: 'totp' });
      disable.flush(on);
      await settle();

      expect(dialogElement()).toBeNull();
      expect(totpState()).toBe('Off');
      expect(findButton(totpRow(), 'Enable')).toBeDefined();
      expect(page().querySelector('[role="status"]')?.textContent).toContain(TOTP_OFF_MESSAGE);
      expect(TestBed.inject(SessionStore).user()?.twoFactor.methods).toEqual([MfaMethod.Email]);
    });

    it('is turned off with an emailed code of purpose disable-totp instead', async () => {
      await open(withTotp);

      findButton(totpRow(), 'Disable')?.click();
      await settle();
      findButton(dialog(), 'Use an emailed code instead')?.click();
      await settle();
      expect(findButton(dialog(), 'Use a code from the app instead')).toBeDefined();

      const disable = await proveWithCode('disable-totp', '/api/two-factor/totp/disable', on);

      expect(disable).toEqual({ code: '123456', proof: 'email' });
      expect(totpState()).toBe('Off');
      expect(findButton(totpRow(), 'Enable')).toBeDefined();
    });

    it('keeps Disable Two Factor disabled while the app is on, and says why', async () => {
      await open(withTotp);
      const disable = findButton(page(), 'Disable Two Factor') as HTMLButtonElement;

      expect(disable.getAttribute('aria-disabled')).toBe('true');
      const hints = (disable.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => page().querySelector(`#${id}`)?.textContent?.trim());
      expect(hints).toContain(
        'To turn off email one-time passwords, remove the authenticator app first.',
      );

      disable.click();
      await settle();

      expect(dialogElement()).toBeNull();
      http.expectNone('/api/two-factor/email/send');
      expect(page().querySelector('.state')?.textContent?.trim()).toBe('On');
    });

    it('leaves Disable Two Factor usable, without the hint, when no app is set up', async () => {
      await open(on);
      const disable = findButton(page(), 'Disable Two Factor') as HTMLButtonElement;

      expect(disable.disabled).toBe(false);
      expect(disable.getAttribute('aria-disabled')).toBeNull();
      expect(disable.getAttribute('aria-describedby')).toBe('email-2fa-title');
      expect(page().textContent).not.toContain('remove the authenticator app first');
    });
  });
});
