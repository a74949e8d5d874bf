import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { OTP_CODE_LENGTH, OTP_CODE_PATTERN } from '@twofold/shared/contracts';

/** A control for a six-digit one-time password, with the validators the API applies. */
export function otpCodeControl(): FormControl<string> {
  return new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(OTP_CODE_PATTERN)],
  });
}

export type OtpCodeSource = 'email' | 'app';

/** The "One-time password" field: numeric keyboard, one-time-code autofill, six digits. */
@Component({
  selector: 'tf-otp-code-field',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatHint, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>One-time password</mat-label>
      <input
        #codeInput
        matInput
        [formControl]="control()"
        inputmode="numeric"
        autocomplete="one-time-code"
        [attr.maxlength]="codeLength"
        spellcheck="false"
      />
      <mat-hint>{{ hint() }}</mat-hint>
      @if (control().hasError('required')) {
        <mat-error>Enter the {{ codeLength }}-digit code.</mat-error>
      } @else if (control().hasError('pattern')) {
        <mat-error>The code is exactly {{ codeLength }} digits.</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
      max-width: 20rem;
    }

    input {
      letter-spacing: 0.3em;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class OtpCodeFieldComponent {
  readonly control = input.required<FormControl<string>>();
  /** Where the code comes from, for the hint under the field. */
  readonly source = input<OtpCodeSource>('email');

  protected readonly codeLength = OTP_CODE_LENGTH;
  protected readonly hint = computed(() =>
    this.source() === 'app'
      ? `The ${OTP_CODE_LENGTH}-digit code your authenticator app shows now`
      : `The ${OTP_CODE_LENGTH}-digit code from the email we sent you`,
  );
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');

  focus(): void {
    this.codeInput().nativeElement.focus();
  }

  /** Focuses the field with its text selected, so a retry overwrites the wrong code. */
  select(): void {
    this.codeInput().nativeElement.select();
    this.focus();
  }
}
