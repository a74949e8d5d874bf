import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { AlertComponent, AlertKind } from './alert.component';

@Component({
  imports: [AlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<tf-alert [kind]="kind()">Message</tf-alert>`,
})
class HostComponent {
  readonly kind = signal<AlertKind>('error');
}

describe(AlertComponent.name, () => {
  it('announces errors at once and other messages politely', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const alert: HTMLElement = fixture.nativeElement.querySelector('tf-alert');

    expect(alert.getAttribute('role')).toBe('alert');

    fixture.componentInstance.kind.set('success');
    await fixture.whenStable();
    expect(alert.getAttribute('role')).toBe('status');
  });
});
