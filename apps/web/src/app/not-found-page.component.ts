import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

/** Any address the app does not know; says so instead of silently moving the person elsewhere. */
@Component({
  selector: 'tf-not-found-page',
  imports: [MatButton, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tf-page">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <a mat-flat-button routerLink="/">Go to the home page</a>
    </section>
  `,
})
export class NotFoundPageComponent {}
