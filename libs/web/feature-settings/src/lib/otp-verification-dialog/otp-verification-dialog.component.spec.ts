import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { ApiErrorCode, EmailOtpPurpose } from '@twofold/shared/contracts';
import { TwoFactorApi } from '@twofold/web/data-access';
import { Observable, map, of } from 'rxjs';

import { dialogElement, findButton, settle, typeInto } from '../../testing/dialog-testing';
import { openOtpVerificationDialog } from './otp-verification-dialog.component';

describe('OtpVerificationDialogComponent', () => {
  let http: HttpTestingController;
  let result: { done: boolean; value: string | undefined };

  const dialog = (): HTMLElement => dialogElement() as HTMLElement;
  const codeInput = (): HTMLInputElement => dialog().querySelector('input') as HTMLInputElement;
  const sentResponse = () => ({
    sentTo: 'a•••e@example.com',
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    resendAvailableAt: new Date(Date.now() + 60_000).toISOString(),
  });

  async function open(verify: (code: string) => Observable<string>): Promise<void> {
    result = { done: false, value: undefined };
    openOtpVerificationDialog(TestBed.inject(MatDialog), {
      title: 'Verify your email address',
      description: 'We will send a one-time password to the email address you registered with.',
      purpose: EmailOtpPurpose.EnableEmail,
      verify,
    }).subscribe((value) => (result = { done: true, value }));
    await settle();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('explains that a code goes to the registered address and offers the two steps', async () => {
    await open(() => of('done'));

    expect(dialog().textContent).toContain('email address you registered with');
    expect(findButton(dialog(), 'Request One Time Password')).toBeDefined();
    expect(findButton(dialog(), 'OTP Verification')).toBeDefined();
    expect(dialog().querySelector('label')?.textContent).toContain('One-time password');
  });

  it('requests a code for its purpose, shows where it went and focuses the code field', async () => {
    await open(() => of('done'));

    findButton(dialog(), 'Request One Time Password')?.click();
    const request = http.expectOne('/api/two-factor/email/send');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ purpose: 'enable-email' });
    request.flush(sentResponse());
    await settle();

    expect(dialog().textContent).toContain('We sent a code to a•••e@example.com');
    expect(document.activeElement).toBe(codeInput());
    expect(findButton(dialog(), /^Request One Time Password \(60 s\)$/)?.disabled).toBe(true);
  });

  it('shows a cooldown refusal and counts down from its retry time', async () => {
    await open(() => of('done'));

    findButton(dialog(), 'Request One Time Password')?.click();
    http.expectOne('/api/two-factor/email/send').flush(
      {
        statusCode: 429,
        code: ApiErrorCode.ResendCooldown,
        message: 'Please wait before asking for another code.',
        retryAfterSeconds: 42,
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle();

    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'Please wait before asking for another code.',
    );
    expect(findButton(dialog(), /^Request One Time Password \(42 s\)$/)?.disabled).toBe(true);
  });

  it('says when the mail could not be sent', async () => {
    await open(() => of('done'));

    findButton(dialog(), 'Request One Time Password')?.click();
    http.expectOne('/api/two-factor/email/send').flush(
      {
        statusCode: 503,
        code: ApiErrorCode.MailUnavailable,
        message: 'We could not send the code. Try again in a few minutes.',
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await settle();

    expect(dialog().textContent).toContain('We could not send the code.');
    expect(findButton(dialog(), 'Request One Time Password')?.disabled).toBe(false);
  });

  it('keeps the dialog open with the API message after a wrong code, and closes with the answer of a right one', async () => {
    const api = TestBed.inject(TwoFactorApi);
    await open((code) => api.enableEmail(code).pipe(map(() => 'verified')));

    await typeInto(codeInput(), '111111');
    findButton(dialog(), 'OTP Verification')?.click();
    const wrong = http.expectOne('/api/two-factor/email/enable');
    expect(wrong.request.body).toEqual({ code: '111111' });
    wrong.flush(
      { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();

    expect(result.done).toBe(false);
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'That code is not right.',
    );
    expect(document.activeElement).toBe(codeInput());

    await typeInto(codeInput(), '123456');
    findButton(dialog(), 'OTP Verification')?.click();
    http
      .expectOne('/api/two-factor/email/enable')
      .flush({ enabled: true, methods: ['email'], enforcementDate: null });
    await settle();

    expect(result).toEqual({ done: true, value: 'verified' });
  });

  it('does not submit a code that is not six digits', async () => {
    const verify = jest.fn(() => of('verified'));
    await open(verify);

    await typeInto(codeInput(), '12a456');
    findButton(dialog(), 'OTP Verification')?.click();
    await settle();

    expect(verify).not.toHaveBeenCalled();
    expect(dialog().textContent).toContain('The code is exactly 6 digits.');
  });

  it('drops the answer to a wrong code once the field says what is wrong with the next one', async () => {
    const api = TestBed.inject(TwoFactorApi);
    await open((code) => api.enableEmail(code).pipe(map(() => 'verified')));
    await typeInto(codeInput(), '111111');
    findButton(dialog(), 'OTP Verification')?.click();
    http
      .expectOne('/api/two-factor/email/enable')
      .flush(
        { statusCode: 422, code: ApiErrorCode.CodeInvalid, message: 'That code is not right.' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle();

    await typeInto(codeInput(), '12ab');
    findButton(dialog(), 'OTP Verification')?.click();
    await settle();

    expect(dialog().textContent).toContain('The code is exactly 6 digits.');
    expect(dialog().textContent).not.toContain('That code is not right.');
  });

  it('counts the wait down again when reopened after a code was sent', async () => {
    await open(() => of('verified'));
    findButton(dialog(), 'Request One Time Password')?.click();
    http.expectOne('/api/two-factor/email/send').flush(sentResponse());
    await settle();
    findButton(dialog(), 'Cancel')?.click();
    await settle();

    await open(() => of('verified'));

    const request = findButton(dialog(), /^Request One Time Password \(\d+ s\)$/);
    expect(request?.disabled).toBe(true);
  });

  it('closes with nothing when cancelled', async () => {
    await open(() => of('verified'));

    findButton(dialog(), 'Cancel')?.click();
    await settle();

    expect(result).toEqual({ done: true, value: undefined });
  });
});
