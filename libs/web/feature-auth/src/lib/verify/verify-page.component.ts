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
import { MatCard, MatCardContent } from '@angular/material/card';
import { Router } from '@angular/router';
import { EmailOtpPurpose, MfaMethod, SessionView } from '@twofold/shared/contracts';
import {
  AuthApi,
  ResendCooldownStore,
  SessionStore,
  landingPageFor,
  toApiProblem,
} from '@twofold/web/data-access';
import {
  AlertComponent,
  OtpCodeFieldComponent,
  OtpRequestButtonComponent,
  otpCodeControl,
} from '@twofold/web/ui';
import { Observable } from 'rxjs';

export const METHOD_LABELS: Readonly<Record<MfaMethod, string>> = {
  [MfaMethod.Email]: 'Email',
  [MfaMethod.Totp]: 'Time-Based One-Time Password',
};

// Email first: it is the method every user with 2FA has.
const METHOD_ORDER: readonly MfaMethod[] = [MfaMethod.Email, MfaMethod.Totp];

/** Multi-Factor Verification: the second step of sign-in, for a session in `pending-mfa`. */
@Component({
  selector: 'tf-verify-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCard,
    MatCardContent,
    AlertComponent,
    OtpCodeFieldComponent,
    OtpRequestButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-page.component.html',
  styleUrl: './verify-page.component.scss',
})
export class VerifyPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly cooldowns = inject(ResendCooldownStore);
  private readonly codeField = viewChild(OtpCodeFieldComponent);

  protected readonly methods = computed(() =>
    METHOD_ORDER.filter((method) => this.session.pendingMethods().includes(method)),
  );
  protected readonly labels = METHOD_LABELS;
  protected readonly MfaMethod = MfaMethod;
  protected readonly chosen = signal<MfaMethod | null>(null);

  protected readonly form = new FormGroup({ code: otpCodeControl() });
  protected readonly sending = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly resendAvailableAt = this.cooldowns.availableAt(EmailOtpPurpose.SignIn);
  protected readonly verifying = signal(false);
  protected readonly error = signal<string | null>(null);

  protected choose(method: MfaMethod): void {
    if (this.chosen() === method) {
      return;
    }

    this.chosen.set(method);
    this.error.set(null);
    this.form.reset();
  }

  protected sendCode(): void {
    this.sending.set(true);
    this.error.set(null);

    this.authApi
      .sendSignInCode()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sent) => {
          this.sending.set(false);
          this.sentTo.set(sent.sentTo);
          this.cooldowns.sent(EmailOtpPurpose.SignIn, sent);
          this.codeField()?.focus();
        },
        error: (error: unknown) => {
          const problem = toApiProblem(error);
          this.sending.set(false);
          this.error.set(problem.message);
          this.cooldowns.refused(EmailOtpPurpose.SignIn, problem);
        },
      });
  }

  protected validate(): void {
    const method = this.chosen();
    if (method === null) {
      return;
    }

    if (this.form.invalid) {
      // An answer to an earlier attempt no longer applies to what is in the fields now.
      this.error.set(null);
      this.form.markAllAsTouched();
      this.codeField()?.focus();
      return;
    }

    this.verifying.set(true);
    this.error.set(null);

    this.verifyRequest(method, this.form.controls.code.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.session.set(view);
          void this.router.navigateByUrl(landingPageFor(view.state));
        },
        error: (error: unknown) => {
          this.verifying.set(false);
          this.error.set(toApiProblem(error).message);
          this.codeField()?.select();
        },
      });
  }

  private verifyRequest(method: MfaMethod, code: string): Observable<SessionView> {
    switch (method) {
      case MfaMethod.Email:
        return this.authApi.verifyEmailCode(code);
      case MfaMethod.Totp:
        return this.authApi.verifyTotpCode(code);
    }
  }
}
