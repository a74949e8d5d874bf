import { Injectable, computed, inject, signal } from '@angular/core';
import {
  AccountView,
  MfaMethod,
  SessionState,
  SessionView,
  TwoFactorStatus,
} from '@twofold/shared/contracts';
import { firstValueFrom } from 'rxjs';

import { AuthApi } from './auth.api';

export type SessionStatus = SessionView['state'];

const ANONYMOUS: SessionView = { state: 'anonymous' };

/** Where a session in the given state belongs when it asks for a page it may not see. */
export function landingPageFor(state: SessionStatus): string {
  switch (state) {
    case SessionState.Authenticated:
      return '/';
    case SessionState.PendingMfa:
      return '/verify';
    // TODO(web): give pending-enrollment its enrolment page when mandatory 2FA lands.
    case SessionState.PendingEnrollment:
    case 'anonymous':
      return '/sign-in';
  }
}

/** The current server-side session as the SPA knows it; the single source for guards and pages. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly authApi = inject(AuthApi);
  private readonly view = signal<SessionView>(ANONYMOUS);
  private readonly noticeText = signal<string | null>(null);
  private loading: Promise<SessionView> | null = null;

  readonly session = this.view.asReadonly();
  readonly state = computed(() => this.view().state);
  readonly user = computed<AccountView | null>(() => {
    const view = this.view();
    return view.state === SessionState.Authenticated ? view.user : null;
  });
  readonly pendingMethods = computed<readonly MfaMethod[]>(() => {
    const view = this.view();
    return view.state === SessionState.PendingMfa ? view.methods : [];
  });
  readonly signedIn = computed(() => this.state() !== 'anonymous');
  readonly authenticated = computed(() => this.state() === SessionState.Authenticated);
  /** A one-off message for the sign-in page, e.g. why the user was sent back to it. */
  readonly notice = this.noticeText.asReadonly();

  /** Loads the session once; later calls share the first answer. */
  ensureLoaded(): Promise<SessionView> {
    this.loading ??= this.fetch();
    return this.loading;
  }

  /** Asks the API again, e.g. after sign-up set a new cookie. */
  refresh(): Promise<SessionView> {
    this.loading = this.fetch();
    return this.loading;
  }

  set(view: SessionView): void {
    this.loading = Promise.resolve(view);
    this.view.set(view);
  }

  updateTwoFactor(twoFactor: TwoFactorStatus): void {
    const view = this.view();
    if (view.state === SessionState.Authenticated) {
      this.view.set({ ...view, user: { ...view.user, twoFactor } });
    }
  }

  /** Forgets the session locally, leaving a notice for the sign-in page. */
  clear(notice: string | null = null): void {
    this.set(ANONYMOUS);
    this.noticeText.set(notice);
  }

  takeNotice(): string | null {
    const notice = this.noticeText();
    this.noticeText.set(null);
    return notice;
  }

  private async fetch(): Promise<SessionView> {
    try {
      const view = await firstValueFrom(this.authApi.session());
      this.view.set(view);
      return view;
    } catch {
      // Without an answer the SPA can only offer the public pages; they report the error.
      this.view.set(ANONYMOUS);
      return ANONYMOUS;
    }
  }
}
