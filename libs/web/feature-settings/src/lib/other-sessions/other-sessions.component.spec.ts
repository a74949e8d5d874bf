import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApiErrorCode } from '@twofold/shared/contracts';

import { findButton } from '../../testing/dialog-testing';
import { END_OTHER_SESSIONS_LABEL, OtherSessionsComponent } from './other-sessions.component';

describe(OtherSessionsComponent.name, () => {
  let fixture: ComponentFixture<OtherSessionsComponent>;
  let http: HttpTestingController;

  const text = (): string => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const endButton = (): HTMLButtonElement | undefined =>
    findButton(fixture.nativeElement as HTMLElement, END_OTHER_SESSIONS_LABEL);

  async function open(otherSessions: number, afterChange = false): Promise<void> {
    fixture = TestBed.createComponent(OtherSessionsComponent);
    fixture.componentRef.setInput('afterChange', afterChange);
    await fixture.whenStable();
    http.expectOne('/api/auth/sessions').flush({ otherSessions });
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('says there is nothing to sign out when this is the only session', async () => {
    await open(0);

    expect(text()).toContain('You are not signed in anywhere else.');
    expect(endButton()).toBeUndefined();
  });

  it('counts the other sessions and signs them out with one click', async () => {
    await open(2);
    expect(text()).toContain('Your account has 2 other sessions in other browsers');

    endButton()?.click();
    const end = http.expectOne('/api/auth/sessions/end-others');
    expect(end.request.method).toBe('POST');
    end.flush({ ended: 2 });
    await fixture.whenStable();

    expect(text()).toContain('Signed out 2 other sessions.');
    expect(text()).toContain('You are not signed in anywhere else.');
    expect(endButton()).toBeUndefined();
  });

  it('after a change to the factors, says why the others should be signed out', async () => {
    await open(1, true);

    expect(text()).toContain('Your account has 1 other session in other browsers');
    expect(text()).toContain('You have just changed how you sign in');
    expect(endButton()).toBeDefined();
  });

  it('counts again each time the page reports a change', async () => {
    await open(0);

    fixture.componentRef.setInput('changes', 1);
    await fixture.whenStable();
    http.expectOne('/api/auth/sessions').flush({ otherSessions: 3 });
    await fixture.whenStable();

    expect(text()).toContain('Your account has 3 other sessions in other browsers');
  });

  it('shows the API message when the sessions cannot be signed out, and keeps the button', async () => {
    await open(1);

    endButton()?.click();
    http.expectOne('/api/auth/sessions/end-others').flush(
      {
        statusCode: 403,
        code: ApiErrorCode.CsrfFailed,
        message: 'Your session has changed. Reload the page and try again.',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('[role="alert"]')?.textContent).toContain(
      'Reload the page and try again.',
    );
    expect(endButton()?.disabled).toBe(false);
  });
});
