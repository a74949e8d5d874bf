import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { EmailOtpPurpose, EmailOtpSentResponse } from '@twofold/shared/contracts';
import { ResendCooldownStore, TwoFactorApi, toApiProblem } from '@twofold/web/data-access';
import {
  AlertComponent,
  OtpCodeFieldComponent,
  OtpRequestButtonComponent,
  otpCodeControl,
} from '@twofold/web/ui';
import { Observable } from 'rxjs';

export const OTP_VERIFICATION_LABEL = 'OTP Verification';

/** What the dialog proves and what it does with a code once the user has typed it. */
export interface OtpVerificationDialogData<T> {
  readonly title: string;
  readonly description: string;
  /** The purpose the emailed code is requested for; the API accepts it only for that purpose. */
  readonly purpose: EmailOtpPurpose;
  /** Checks the code with the API and performs the change; the dialog closes with its answer. */
  readonly verify: (code: string) => Observable<T>;
  /** Sends the code; defaults to `POST /api/two-factor/email/send` with `purpose`. */
  readonly send?: () => Observable<EmailOtpSentResponse>;
  readonly confirmLabel?: string;
}

/**
 * Proves control of the registered email address with an emailed one-time password before a
 * 2FA change. Opened by `openOtpVerificationDialog`; emits the `verify` answer, or undefined
 * when the user cancels.
 */
@Component({
  selector: 'tf-otp-verification-dialog',
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
  templateUrl: './otp-verification-dialog.component.html',
  styleUrl: './otp-verification-dialog.component.scss',
})
export class OtpVerificationDialogComponent<T = unknown> {
  protected readonly data = inject<OtpVerificationDialogData<T>>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<OtpVerificationDialogComponent<T>, T>>(MatDialogRef);
  private readonly twoFactorApi = inject(TwoFactorApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly cooldowns = inject(ResendCooldownStore);
  private readonly codeField = viewChild.required(OtpCodeFieldComponent);

  protected readonly confirmLabel = this.data.confirmLabel ?? OTP_VERIFICATION_LABEL;
  protected readonly form = new FormGroup({ code: otpCodeControl() });
  protected readonly sending = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly resendAvailableAt = this.cooldowns.availableAt(this.data.purpose);
  protected readonly verifying = signal(false);
  protected readonly error = signal<string | null>(null);

  protected sendCode(): void {
    const send = this.data.send ?? (() => this.twoFactorApi.sendEmailCode(this.data.purpose));
    this.sending.set(true);
    this.error.set(null);

    send()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sent) => {
          this.sending.set(false);
          this.sentTo.set(sent.sentTo);
          this.cooldowns.sent(this.data.purpose, sent);
          this.codeField().focus();
        },
        error: (error: unknown) => {
          const problem = toApiProblem(error);
          this.sending.set(false);
          this.error.set(problem.message);
          this.cooldowns.refused(this.data.purpose, problem);
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

    this.data
      .verify(this.form.controls.code.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => this.dialogRef.close(result),
        error: (error: unknown) => {
          this.verifying.set(false);
          this.error.set(toApiProblem(error).message);
          this.codeField().select();
        },
      });
  }
}

/** Opens the OTP dialog; the observable emits the `verify` answer, or undefined on cancel. */
export function openOtpVerificationDialog<T>(
  dialog: MatDialog,
  data: OtpVerificationDialogData<T>,
): Observable<T | undefined> {
  return dialog
    .open<OtpVerificationDialogComponent<T>, OtpVerificationDialogData<T>, T>(
      OtpVerificationDialogComponent,
      { data, width: '32rem', maxWidth: '95vw', ariaModal: true },
    )
    .afterClosed();
}
