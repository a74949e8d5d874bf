import { Injectable, Signal, computed, effect, inject, signal } from '@angular/core';
import { ApiErrorCode, EmailOtpPurpose, EmailOtpSentResponse } from '@twofold/shared/contracts';

import { ApiProblem } from './api-error';
import { SessionStatus, SessionStore } from './session.store';

/**
 * When an emailed code of each purpose may be asked for again, kept for as long as the session,
 * so that a dialog opened again counts down the wait instead of offering a request the API would
 * refuse. The API keeps its cooldown per session and purpose, and its hourly limit per account.
 */
@Injectable({ providedIn: 'root' })
export class ResendCooldownStore {
  private readonly session = inject(SessionStore);
  private readonly until = signal<Partial<Record<EmailOtpPurpose, number>>>({});

  constructor() {
    // Each step of sign-in and sign-out makes a new session, which starts without the old waits.
    let seen: SessionStatus | undefined;
    effect(() => {
      const state = this.session.state();
      if (seen !== undefined && seen !== state) {
        this.until.set({});
      }
      seen = state;
    });
  }

  /** Epoch milliseconds from which a code of `purpose` may be asked for, or null if now. */
  availableAt(purpose: EmailOtpPurpose): Signal<number | null> {
    return computed(() => this.until()[purpose] ?? null);
  }

  /** Remembers the wait a sent code starts. */
  sent(purpose: EmailOtpPurpose, answer: EmailOtpSentResponse): void {
    this.remember(purpose, Date.parse(answer.resendAvailableAt));
  }

  /** Remembers the wait an API refusal names; other problems say nothing about it. */
  refused(purpose: EmailOtpPurpose, problem: ApiProblem): void {
    if (problem.code === ApiErrorCode.ResendCooldown && problem.retryAfterSeconds !== null) {
      this.remember(purpose, Date.now() + problem.retryAfterSeconds * 1000);
    }
  }

  private remember(purpose: EmailOtpPurpose, at: number): void {
    this.until.update((until) => ({ ...until, [purpose]: at }));
  }
}
