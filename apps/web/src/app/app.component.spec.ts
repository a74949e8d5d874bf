import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Role, SessionState } from '@twofold/shared/contracts';
import { PublicConfigStore, SessionStore } from '@twofold/web/data-access';

import { AppComponent } from './app.component';

describe(AppComponent.name, () => {
  let fixture: ComponentFixture<AppComponent>;
  let http: HttpTestingController;

  const page = (): HTMLElement => fixture.nativeElement;
  const texts = (selector: string): string[] =>
    Array.from(page().querySelectorAll(selector)).map((e) => e.textContent?.trim() ?? '');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(PublicConfigStore).load();
    http
      .expectOne('/api/public-config')
      .flush({ appName: 'Twofold', supportEmail: 'help@twofold.example' });
    fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('names the app and links to support on every page', () => {
    expect(page().querySelector('.brand')?.textContent).toContain('Twofold');
    const support = page().querySelector<HTMLAnchorElement>('footer a');
    expect(page().querySelector('footer')?.textContent).toContain('Need help?');
    expect(support?.textContent).toBe('Contact support');
    expect(support?.getAttribute('href')).toBe('mailto:help@twofold.example');
  });

  it('shows no navigation to an anonymous visitor', () => {
    expect(texts('nav a')).toEqual([]);
    expect(texts('button')).toEqual([]);
  });

  it('offers Home, Two Factor Settings and Sign out once signed in', async () => {
    TestBed.inject(SessionStore).set({
      state: SessionState.Authenticated,
      expiresAt: '2026-12-03T22:00:00Z',
      user: {
        id: 'u1',
        username: 'alice',
        email: 'alice@example.com',
        role: Role.User,
        createdAt: '2026-11-02T10:00:00Z',
        twoFactor: { enabled: false, methods: [], enforcementDate: null },
      },
    });
    await fixture.whenStable();

    expect(texts('nav a')).toEqual(['Home', 'Two Factor Settings']);
    expect(texts('button')).toEqual(['Sign out']);
  });

  it('signs out on the server, forgets the session and goes to sign-in', async () => {
    const store = TestBed.inject(SessionStore);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    store.set({ state: SessionState.PendingMfa, methods: [], expiresAt: '' });
    await fixture.whenStable();

    page().querySelector('button')?.click();
    const request = http.expectOne('/api/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(store.state()).toBe('anonymous');
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });
});
