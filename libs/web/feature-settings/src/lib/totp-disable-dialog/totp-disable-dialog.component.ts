import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatDialog,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { EmailOtpPurpose, TotpDisableProof, TwoFactorStatus } from '@twofold/shared/contracts';
import { ResendCooldownStore, TwoFactorApi, toApiProblem } from '@twofold/web/data-access';
import {
  AlertComponent,
  OtpCodeFieldComponent,
  OtpRequestButtonComponent,
  otpCodeControl,
} from '@twofold/web/ui';
import { Observable } from 'rxjs';

import { OTP_VERIFICATION_LABEL } from '../otp-verification-dialog/otp-verification-dialog.component';

export const USE_EMAIL_CODE_LABEL = 'Use an emailed code instead';
export const USE_APP_CODE_LABEL = 'Use a code from the app instead';

/**
 * Turns the authenticator app off, proven by a current code from the app or, for a user who no
 * longer has the app, by a code emailed for the purpose disable-totp. Opened by
 * `openTotpDisableDialog`; closes with the new status, or undefined when cancelled.
 */
@Component({
  selector: 'tf-totp-disable-dialog',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    AlertComponent,
    OtpCodeFieldComponent,
    OtpRequestButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-disable-dialog.component.html',
  styleUrl: './totp-disable-dialog.component.scss',
})
export class TotpDisableDialogComponent {
  private readonly dialogRef =
    inject<MatDialogRef<TotpDisableDialogComponent, TwoFactorStatus>>(MatDialogRef);
  private readonly twoFactorApi = inject(TwoFactorApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly cooldowns = inject(ResendCooldownStore);
  private readonly codeField = viewChild.required(OtpCodeFieldComponent);

  protected readonly confirmLabel = OTP_VERIFICATION_LABEL;
  protected readonly proof = signal(TotpDisableProof.Totp);
  protected readonly byEmail = computed(() => this.proof() === TotpDisableProof.Email);
  protected readonly switchLabel = computed(() =>
    this.byEmail() ? USE_APP_CODE_LABEL : USE_EMAIL_CODE_LABEL,
  );
  protected readonly form = new FormGroup({ code: otpCodeControl() });
  protected readonly sending = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly resendAvailableAt = this.cooldowns.availableAt(EmailOtpPurpose.DisableTotp);
  protected readonly verifying = signal(false);
  protected readonly error = signal<string | null>(null);

  protected switchProof(): void {
    this.proof.set(this.byEmail() ? TotpDisableProof.Totp : TotpDisableProof.Email);
    this.form.reset();
    this.error.set(null);
  }

  protected sendCode(): void {
    this.sending.set(true);
    this.error.set(null);

    this.twoFactorApi
      .sendEmailCode(EmailOtpPurpose.DisableTotp)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sent) => {
          this.sending.set(false);
          this.sentTo.set(sent.sentTo);
          this.cooldowns.sent(EmailOtpPurpose.DisableTotp, sent);
          this.codeField().focus();
        },
        error: (error: unknown) => {
          const problem = toApiProblem(error);
          this.sending.set(false);
          this.error.set(problem.message);
          this.cooldowns.refused(EmailOtpPurpose.DisableTotp, problem);
        },
      });
  }

  protected cancel(): void {
    this.dialogRef.close();
  }

  protected confirm(): void {
    if (this.form.invalid) {
      // An answer to an earlier attempt no longer applies to what is in the fields now.
      this.error.set(null);
      this.form.markAllAsTouched();
      this.codeField().focus();
      return;
    }

    this.verifying.set(true);
    this.error.set(null);

    this.twoFactorApi
      .disableTotp(this.form.controls.code.value, this.proof())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (status) => this.dialogRef.close(status),
        error: (error: unknown) => {
          this.verifying.set(false);
          this.error.set(toApiProblem(error).message);
          this.codeField().select();
        },
      });
  }
}

/** Opens the dialog that turns the authenticator app off; emits the new status, or undefined. */
export function openTotpDisableDialog(dialog: MatDialog): Observable<TwoFactorStatus | undefined> {
  return dialog
    .open<TotpDisableDialogComponent, void, TwoFactorStatus>(TotpDisableDialogComponent, {
      width: '32rem',
      maxWidth: '95vw',
      ariaModal: true,
    })
    .afterClosed();
}
