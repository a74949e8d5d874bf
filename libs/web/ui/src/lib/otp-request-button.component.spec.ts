import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { OtpRequestButtonComponent } from './otp-request-button.component';

@Component({
  imports: [OtpRequestButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<tf-otp-request-button
    [availableAt]="availableAt()"
    [busy]="busy()"
    (requested)="requests = requests + 1"
  />`,
})
class HostComponent {
  readonly availableAt = signal<number | null>(null);
  readonly busy = signal(false);
  requests = 0;
}

describe(OtpRequestButtonComponent.name, () => {
  let fixture: ComponentFixture<HostComponent>;
  let host: HostComponent;

  const button = (): HTMLButtonElement => fixture.nativeElement.querySelector('button');

  beforeEach(async () => {
    // Only the clock and the interval are faked; Angular's scheduler keeps its real timers.
    jest.useFakeTimers({
      now: new Date('2026-12-03T10:00:00Z'),
      doNotFake: [
        'setTimeout',
        'queueMicrotask',
        'nextTick',
        'setImmediate',
        'requestAnimationFrame',
      ],
    });
    fixture = TestBed.createComponent(HostComponent);
    host = fixture.componentInstance;
    await fixture.whenStable();
  });

  afterEach(() => jest.useRealTimers());

  it('offers to request a code when no cooldown runs', () => {
    expect(button().textContent?.trim()).toBe('Request One Time Password');
    expect(button().disabled).toBe(false);
  });

  it('emits when pressed', () => {
    button().click();

    expect(host.requests).toBe(1);
  });

  it('counts the cooldown down in its label and stays disabled until it ends', async () => {
    host.availableAt.set(Date.now() + 60_000);
    await fixture.whenStable();

    expect(button().textContent?.trim()).toBe('Request One Time Password (60 s)');
    expect(button().disabled).toBe(true);

    jest.advanceTimersByTime(2_000);
    await fixture.whenStable();
    expect(button().textContent?.trim()).toBe('Request One Time Password (58 s)');

    jest.advanceTimersByTime(58_000);
    await fixture.whenStable();
    expect(button().textContent?.trim()).toBe('Request One Time Password');
    expect(button().disabled).toBe(false);
  });

  it('rounds a partial second up so the label never shows 0 s', async () => {
    host.availableAt.set(Date.now() + 400);
    await fixture.whenStable();

    expect(button().textContent?.trim()).toBe('Request One Time Password (1 s)');
  });

  it('counts a long wait in minutes', async () => {
    host.availableAt.set(Date.now() + 49 * 60_000 + 10_000);
    await fixture.whenStable();

    expect(button().textContent?.trim()).toBe('Request One Time Password (50 min)');
    expect(button().disabled).toBe(true);
  });

  it('is disabled while a request is on its way', async () => {
    host.busy.set(true);
    await fixture.whenStable();

    expect(button().disabled).toBe(true);
    expect(button().textContent?.trim()).toBe('Request One Time Password');
  });
});
