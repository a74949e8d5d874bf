import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type AlertKind = 'error' | 'warning' | 'success' | 'info';

/** An inline message that assistive technology announces: errors at once, the rest politely. */
@Component({
  selector: 'tf-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.role]': 'role()',
    '[class]': '"tf-alert tf-alert-" + kind()',
  },
  template: `<ng-content />`,
  styles: `
    :host {
      display: block;
      padding: 0.75rem 1rem;
      border-radius: 0.5rem;
      border-left: 4px solid currentColor;
      margin-block: 0.75rem;
      line-height: 1.4;
    }

    :host(:first-child) {
      margin-top: 0;
    }

    :host(.tf-alert-error) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    :host(.tf-alert-warning) {
      background: #fff4d6;
      color: #5c4300;
    }

    :host(.tf-alert-success) {
      background: #dff5e1;
      color: #0f5223;
    }

    :host(.tf-alert-info) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class AlertComponent {
  readonly kind = input<AlertKind>('info');

  protected readonly role = computed(() => (this.kind() === 'error' ? 'alert' : 'status'));
}
