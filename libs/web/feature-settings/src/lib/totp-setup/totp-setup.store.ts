import { Injectable, signal } from '@angular/core';
import { TotpSetupResponse } from '@twofold/shared/contracts';

/**
 * Hands the pending authenticator secret from Two Factor Settings to the setup page, and the
 * outcome back. Memory only: the secret never goes into the URL, history state or storage, so a
 * reload loses it and the user starts setup again.
 */
@Injectable({ providedIn: 'root' })
export class TotpSetupStore {
  private readonly pendingSetup = signal<TotpSetupResponse | null>(null);
  private readonly noticeText = signal<string | null>(null);

  readonly setup = this.pendingSetup.asReadonly();

  start(setup: TotpSetupResponse): void {
    this.pendingSetup.set(setup);
    this.noticeText.set(null);
  }

  /** Forgets the secret, e.g. once it is active or the page that showed it is left. */
  clear(): void {
    this.pendingSetup.set(null);
  }

  /** Ends setup with a message for Two Factor Settings to show once. */
  complete(notice: string): void {
    this.clear();
    this.noticeText.set(notice);
  }

  takeNotice(): string | null {
    const notice = this.noticeText();
    this.noticeText.set(null);
    return notice;
  }
}
