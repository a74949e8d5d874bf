import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthApi, PublicConfigStore, SessionStore } from '@twofold/web/data-access';
import { filter, finalize, skip } from 'rxjs';

/** The shell: top bar, the routed page, and the support footer every page carries. */
@Component({
  selector: 'tf-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbar, MatAnchor, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
})
export class AppComponent {
  private readonly config = inject(PublicConfigStore);
  private readonly session = inject(SessionStore);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly appName = this.config.appName;
  protected readonly supportEmail = this.config.supportEmail;
  protected readonly signedIn = this.session.signedIn;
  protected readonly authenticated = this.session.authenticated;

  constructor() {
    // A new page replaces the element that had focus; start screen readers at the new content.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() =>
        afterNextRender(() => this.main().nativeElement.focus({ preventScroll: true }), {
          injector: this.injector,
        }),
      );
  }

  protected signOut(): void {
    this.authApi
      .signOut()
      .pipe(
        // Signed out locally whatever the answer: a session the server no longer knows is gone.
        finalize(() => {
          this.session.clear();
          void this.router.navigateByUrl('/sign-in');
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ error: () => undefined });
  }
}
