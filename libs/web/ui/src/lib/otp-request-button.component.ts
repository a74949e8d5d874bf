import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';

export const REQUEST_OTP_LABEL = 'Request One Time Password';

// A quarter second keeps the label within a blink of the server's cooldown end; the template
// only re-renders when the whole-second count changes.
const TICK_MS = 250;

/**
 * `Request One Time Password`, which counts down the resend cooldown in its own label
 * ("Request One Time Password (58 s)") and stays disabled until the cooldown ends.
 */
@Component({
  selector: 'tf-otp-request-button',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      [disabled]="busy() || secondsLeft() > 0"
      (click)="requested.emit()"
    >
      {{ label() }}
    </button>
  `,
})
export class OtpRequestButtonComponent {
  /** When another code may be requested (epoch milliseconds), or null when it may be now. */
  readonly availableAt = input<number | null>(null);
  /** True while a request is on its way. */
  readonly busy = input(false);
  readonly requested = output<void>();

  private readonly now = signal(Date.now());

  protected readonly secondsLeft = computed(() => {
    const availableAt = this.availableAt();
    return availableAt === null ? 0 : Math.max(0, Math.ceil((availableAt - this.now()) / 1000));
  });

  protected readonly label = computed(() => {
    const seconds = this.secondsLeft();
    if (seconds <= 0) {
      return REQUEST_OTP_LABEL;
    }
    // The hourly cap can mean a wait of most of an hour: "(3000 s)" says little to a person.
    return seconds < 120
      ? `${REQUEST_OTP_LABEL} (${seconds} s)`
      : `${REQUEST_OTP_LABEL} (${Math.ceil(seconds / 60)} min)`;
  });

  constructor() {
    effect((onCleanup) => {
      const availableAt = this.availableAt();
      this.now.set(Date.now());
      if (availableAt === null || availableAt <= Date.now()) {
        return;
      }

      const timer = setInterval(() => {
        this.now.set(Date.now());
        if (Date.now() >= availableAt) {
          clearInterval(timer);
        }
      }, TICK_MS);
      onCleanup(() => clearInterval(timer));
    });
  }
}
