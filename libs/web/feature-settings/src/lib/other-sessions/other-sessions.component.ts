import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { AuthApi, toApiProblem } from '@twofold/web/data-access';
import { AlertComponent } from '@twofold/web/ui';
import { EMPTY, catchError, switchMap } from 'rxjs';

export const END_OTHER_SESSIONS_LABEL = 'Sign out other sessions';

const sessions = (count: number): string =>
  count === 1 ? '1 other session' : `${count} other sessions`;

/**
 * The user's other sessions (other browsers and devices), with one button that signs them all
 * out. ASVS 5.0 7.4.3 asks for that offer after a change to the ways of signing in: the page bumps
 * `changes` after each one, which reads the count again, and sets `afterChange` to say why.
 */
@Component({
  selector: 'tf-other-sessions',
  imports: [MatButton, MatCard, MatCardContent, AlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './other-sessions.component.html',
  styleUrl: './other-sessions.component.scss',
})
export class OtherSessionsComponent {
  private readonly authApi = inject(AuthApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly changes = input(0);
  readonly afterChange = input(false);

  protected readonly endLabel = END_OTHER_SESSIONS_LABEL;
  protected readonly others = signal<number | null>(null);
  protected readonly ended = signal<number | null>(null);
  protected readonly ending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly othersText = computed(() => sessions(this.others() ?? 0));
  protected readonly endedText = computed(() => sessions(this.ended() ?? 0));

  constructor() {
    toObservable(this.changes)
      .pipe(
        switchMap(() =>
          this.authApi.otherSessions().pipe(
            catchError((error: unknown) => {
              this.error.set(toApiProblem(error).message);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(({ otherSessions }) => {
        this.error.set(null);
        this.others.set(otherSessions);
      });
  }

  protected endOthers(): void {
    if (this.ending()) {
      return;
    }
    this.ending.set(true);
    this.error.set(null);
    this.ended.set(null);

    this.authApi
      .endOtherSessions()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ ended }) => {
          this.ending.set(false);
          this.others.set(0);
          this.ended.set(ended);
        },
        error: (error: unknown) => {
          this.ending.set(false);
          this.error.set(toApiProblem(error).message);
        },
      });
  }
}
