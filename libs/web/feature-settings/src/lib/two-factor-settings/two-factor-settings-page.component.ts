import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  Signal,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { EmailOtpPurpose, MfaMethod, TwoFactorStatus } from '@twofold/shared/contracts';
import { SessionStore, TwoFactorApi, toApiProblem } from '@twofold/web/data-access';
import { AlertComponent } from '@twofold/web/ui';

import { OtherSessionsComponent } from '../other-sessions/other-sessions.component';
import { openOtpVerificationDialog } from '../otp-verification-dialog/otp-verification-dialog.component';
import { openTotpDisableDialog } from '../totp-disable-dialog/totp-disable-dialog.component';
import { TotpSetupStore } from '../totp-setup/totp-setup.store';

export const EMAIL_2FA_ON_MESSAGE =
  'Two-factor authentication is on. You will be asked for a code when you sign in.';
export const EMAIL_2FA_OFF_MESSAGE =
  'Two-factor authentication is off. You will no longer be asked for a code when you sign in.';
export const TOTP_OFF_MESSAGE =
  'Authenticator app removed. Codes from it no longer work; sign in with an emailed code.';

/**
 * Two Factor Settings: turn emailed one-time passwords and the authenticator app (TOTP) on or
 * off, each change proven by a code.
 */
@Component({
  selector: 'tf-two-factor-settings-page',
  imports: [MatButton, MatCard, MatCardContent, AlertComponent, OtherSessionsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './two-factor-settings-page.component.html',
  styleUrl: './two-factor-settings-page.component.scss',
})
export class TwoFactorSettingsPageComponent implements OnInit {
  private readonly twoFactorApi = inject(TwoFactorApi);
  private readonly session = inject(SessionStore);
  private readonly totpSetup = inject(TotpSetupStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly emailToggle = viewChild('emailToggle', { read: ElementRef<HTMLButtonElement> });
  private readonly totpToggle = viewChild('totpToggle', { read: ElementRef<HTMLButtonElement> });

  protected readonly status = signal<TwoFactorStatus | null>(null);
  protected readonly emailOn = computed(
    () => this.status()?.methods.includes(MfaMethod.Email) ?? false,
  );
  protected readonly totpOn = computed(
    () => this.status()?.methods.includes(MfaMethod.Totp) ?? false,
  );
  protected readonly email = computed(() => this.session.user()?.email ?? null);
  protected readonly success = signal<string | null>(this.totpSetup.takeNotice());
  protected readonly error = signal<string | null>(null);
  /** Bumped after every change to the factors, so that the other sessions are counted again. */
  protected readonly changes = signal(0);

  ngOnInit(): void {
    this.twoFactorApi
      .status()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (status) => this.status.set(status),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
  }

  protected enableEmail(): void {
    this.success.set(null);
    openOtpVerificationDialog(this.dialog, {
      title: 'Verify your email address',
      description:
        'To turn on two-factor authentication, we will send a one-time password to the email ' +
        'address you registered with. Enter it here to confirm the address is yours.',
      purpose: EmailOtpPurpose.EnableEmail,
      verify: (code) => this.twoFactorApi.enableEmail(code),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((status) => {
        if (status) {
          this.applyChange(status, EMAIL_2FA_ON_MESSAGE, this.emailToggle);
        }
      });
  }

  protected disableEmail(): void {
    // The button stays focusable while disabled (disabledInteractive), so clicks still arrive.
    // The API refuses this while the app is on; asking for a code first would only end in a 409.
    if (this.totpOn()) {
      return;
    }
    this.success.set(null);
    openOtpVerificationDialog(this.dialog, {
      title: 'Turn off two-factor authentication',
      description:
        'To turn off emailed one-time passwords, confirm it is you with a code sent to the ' +
        'email address you registered with.',
      purpose: EmailOtpPurpose.DisableEmail,
      verify: (code) => this.twoFactorApi.disableEmail(code),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((status) => {
        if (status) {
          this.applyChange(status, EMAIL_2FA_OFF_MESSAGE, this.emailToggle);
        }
      });
  }

  protected enableTotp(): void {
    this.success.set(null);
    openOtpVerificationDialog(this.dialog, {
      title: 'Verify your email address',
      description:
        'Before you add an authenticator app, we will send a one-time password to the email ' +
        'address you registered with. Enter it here to confirm it is you.',
      purpose: EmailOtpPurpose.EnableTotp,
      verify: (code) => this.twoFactorApi.startTotpSetup(code),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((setup) => {
        if (setup) {
          this.totpSetup.start(setup);
          void this.router.navigateByUrl('/settings/two-factor/totp');
        }
      });
  }

  protected disableTotp(): void {
    this.success.set(null);
    openTotpDisableDialog(this.dialog)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((status) => {
        if (status) {
          this.applyChange(status, TOTP_OFF_MESSAGE, this.totpToggle);
        }
      });
  }

  private applyChange(
    status: TwoFactorStatus,
    message: string,
    toggle: Signal<ElementRef<HTMLButtonElement> | undefined>,
  ): void {
    this.status.set(status);
    this.session.updateTwoFactor(status);
    this.error.set(null);
    this.success.set(message);
    this.changes.update((count) => count + 1);

    // The button that opened the dialog has been replaced by its opposite; keep focus on the row.
    afterNextRender(() => toggle()?.nativeElement.focus(), { injector: this.injector });
  }
}
