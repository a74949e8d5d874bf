import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  ApiErrorCode,
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '@twofold/shared/contracts';
import { ApiProblem, AuthApi, SessionStore, toApiProblem } from '@twofold/web/data-access';
import { AlertComponent } from '@twofold/web/ui';

type SignUpField = 'username' | 'email' | 'password';

@Component({
  selector: 'tf-sign-up-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatInput,
    MatHint,
    MatError,
    AlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-up-page.component.html',
})
export class SignUpPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly usernameRule = USERNAME_RULE;
  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly passwordHint =
    `At least ${PASSWORD_MIN_LENGTH} characters. Any characters you like; a long passphrase is ` +
    'best. Common passwords are refused.';
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    ],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.form.invalid) {
      // An answer to an earlier attempt no longer applies to what is in the fields now.
      this.error.set(null);
      this.form.markAllAsTouched();
      return;
    }

    this.busy.set(true);
    this.error.set(null);

    this.authApi
      .signUp(this.form.getRawValue())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => void this.enterApp(),
        error: (error: unknown) => {
          this.busy.set(false);
          this.showProblem(toApiProblem(error));
        },
      });
  }

  private async enterApp(): Promise<void> {
    // Sign-up also signs in: the new session cookie is already set, so ask for its view.
    await this.session.refresh();
    await this.router.navigateByUrl('/');
  }

  protected serverError(control: AbstractControl): string | null {
    const message: unknown = control.getError('server');
    return typeof message === 'string' ? message : null;
  }

  private showProblem(problem: ApiProblem): void {
    const byCode: Partial<Record<ApiErrorCode, SignUpField>> = {
      [ApiErrorCode.UsernameTaken]: 'username',
      [ApiErrorCode.EmailTaken]: 'email',
    };
    const fieldErrors: [SignUpField, string][] = [];

    for (const field of ['username', 'email', 'password'] as const) {
      const message = problem.fields[field]?.[0];
      if (message) {
        fieldErrors.push([field, message]);
      }
    }

    const codeField = problem.code ? byCode[problem.code] : undefined;
    if (codeField && !fieldErrors.some(([field]) => field === codeField)) {
      fieldErrors.push([codeField, problem.message]);
    }

    for (const [field, message] of fieldErrors) {
      const control = this.form.controls[field];
      control.setErrors({ server: message });
      control.markAsTouched();
    }

    this.error.set(
      fieldErrors.length > 0 ? 'Please correct the fields marked below.' : problem.message,
    );
  }
}
