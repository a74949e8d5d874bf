import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { OtpCodeFieldComponent, otpCodeControl, OtpCodeSource } from './otp-code-field.component';

@Component({
  imports: [OtpCodeFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<tf-otp-code-field [control]="control" [source]="source()" />`,
})
class HostComponent {
  readonly control = otpCodeControl();
  readonly source = signal<OtpCodeSource>('email');
}

describe(OtpCodeFieldComponent.name, () => {
  it('is a labelled numeric one-time-code field', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();

    const input: HTMLInputElement = fixture.nativeElement.querySelector('input');
    const label: HTMLLabelElement = fixture.nativeElement.querySelector('label');
    expect(label.textContent).toContain('One-time password');
    expect(label.htmlFor).toBe(input.id);
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('maxlength')).toBe('6');
  });

  it('accepts exactly six digits', () => {
    const control = otpCodeControl();

    for (const bad of ['', '12345', '1234567', '12a456', ' 12345', '+12345']) {
      control.setValue(bad);
      expect(control.valid).toBe(false);
    }

    control.setValue('047164');
    expect(control.valid).toBe(true);
  });

  it('says where the code comes from: the email, or the authenticator app', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const hint = () => fixture.nativeElement.querySelector('mat-hint').textContent.trim();

    expect(hint()).toBe('The 6-digit code from the email we sent you');

    fixture.componentInstance.source.set('app');
    await fixture.whenStable();

    expect(hint()).toBe('The 6-digit code your authenticator app shows now');
  });
});
