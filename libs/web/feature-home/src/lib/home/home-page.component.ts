import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatAnchor } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AccountView, MfaMethod, Role } from '@twofold/shared/contracts';
import { AuthApi, SessionStore, toApiProblem } from '@twofold/web/data-access';
import { AlertComponent } from '@twofold/web/ui';

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  [Role.User]: 'User',
  [Role.Admin]: 'Administrator',
};

const METHOD_LABELS: Readonly<Record<MfaMethod, string>> = {
  [MfaMethod.Email]: 'Email one-time passwords',
  [MfaMethod.Totp]: 'Authenticator app (TOTP)',
};

/** The dashboard home: the account and whether two-factor authentication protects it. */
@Component({
  selector: 'tf-home-page',
  imports: [
    DatePipe,
    RouterLink,
    MatAnchor,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    AlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.scss',
})
export class HomePageComponent implements OnInit {
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly destroyRef = inject(DestroyRef);

  private readonly fetched = signal<AccountView | null>(null);
  /** The fresh account once loaded; until then what the session already knows. */
  protected readonly account = computed(() => this.fetched() ?? this.session.user());
  protected readonly role = computed(() => {
    const account = this.account();
    return account ? ROLE_LABELS[account.role] : '';
  });
  protected readonly methods = computed(() =>
    (this.account()?.twoFactor.methods ?? []).map((method) => METHOD_LABELS[method]),
  );
  protected readonly enforcement = computed(() => {
    const date = this.account()?.twoFactor.enforcementDate;
    return date ? { date, passed: Date.parse(date) <= Date.now() } : null;
  });
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    this.authApi
      .account()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (account) => this.fetched.set(account),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });
  }
}
