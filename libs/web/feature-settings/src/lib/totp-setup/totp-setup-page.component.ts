import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
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
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { Router, RouterLink } from '@angular/router';
import { SessionStore, TwoFactorApi, toApiProblem } from '@twofold/web/data-access';
import { AlertComponent, OtpCodeFieldComponent, otpCodeControl } from '@twofold/web/ui';

import { TotpSetupStore } from './totp-setup.store';

export const TOTP_ADDED_MESSAGE =
  'Authenticator app added. You can now sign in with a code from your app.';

const KEY_COPIED_MESSAGE = 'Key copied.';
const KEY_NOT_COPIED_MESSAGE = 'Could not copy the key. Select it and copy it by hand.';

/** Splits a Base32 key into groups of four, the way authenticator apps show keys. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * Set up your authenticator app: the QR code and key of the pending secret, and the app's first
 * code to turn it on. Reached only from Two Factor Settings after an emailed code.
 */
@Component({
  selector: 'tf-totp-setup-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatAnchor,
    MatButton,
    MatCard,
    MatCardContent,
    AlertComponent,
    OtpCodeFieldComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totp-setup-page.component.html',
  styleUrl: './totp-setup-page.component.scss',
})
export class TotpSetupPageComponent {
  private readonly store = inject(TotpSetupStore);
  private readonly twoFactorApi = inject(TwoFactorApi);
  private readonly session = inject(SessionStore);
  private readonly clipboard = inject(Clipboard);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly codeField = viewChild(OtpCodeFieldComponent);

  protected readonly setup = this.store.setup;
  protected readonly groupedSecret = computed(() => groupSecret(this.setup()?.secret ?? ''));
  protected readonly copyMessage = signal<string | null>(null);
  protected readonly form = new FormGroup({ code: otpCodeControl() });
  protected readonly verifying = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // The secret stays in memory only while its page is open.
    this.destroyRef.onDestroy(() => this.store.clear());
  }

  protected copyKey(): void {
    const secret = this.setup()?.secret;
    if (!secret) {
      return;
    }

    this.copyMessage.set(this.clipboard.copy(secret) ? KEY_COPIED_MESSAGE : KEY_NOT_COPIED_MESSAGE);
  }

  protected verify(): void {
    if (this.form.invalid) {
      // An answer to an earlier attempt no longer applies to what is in the fields now.
      this.error.set(null);
      this.form.markAllAsTouched();
      this.codeField()?.focus();
      return;
    }

    this.verifying.set(true);
    this.error.set(null);

    this.twoFactorApi
      .activateTotp(this.form.controls.code.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (status) => {
          this.session.updateTwoFactor(status);
          this.store.complete(TOTP_ADDED_MESSAGE);
          void this.router.navigateByUrl('/settings/two-factor');
        },
        error: (error: unknown) => {
          this.verifying.set(false);
          this.error.set(toApiProblem(error).message);
          this.codeField()?.select();
        },
      });
  }
}
