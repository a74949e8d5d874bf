import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccountView, MfaMethod, Role, SessionState } from '@twofold/shared/contracts';
import { SessionStore } from '@twofold/web/data-access';

import { HomePageComponent } from './home-page.component';

function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'u1',
    username: 'alice',
    email: 'alice@example.com',
    role: Role.User,
    createdAt: '2026-11-02T10:00:00Z',
    twoFactor: { enabled: false, methods: [], enforcementDate: null },
    ...overrides,
  };
}

describe(HomePageComponent.name, () => {
  let fixture: ComponentFixture<HomePageComponent>;
  let http: HttpTestingController;

  const page = (): HTMLElement => fixture.nativeElement;

  async function open(fresh: AccountView): Promise<void> {
    fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    http.expectOne('/api/account').flush(fresh);
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).set({
      state: SessionState.Authenticated,
      expiresAt: '2026-12-03T22:00:00Z',
      user: account(),
    });
  });

  afterEach(() => http.verify());

  it('welcomes the user and shows the account', async () => {
    await open(account({ role: Role.Admin }));

    expect(page().querySelector('h1')?.textContent).toBe('Welcome, alice');
    const facts = page().querySelector('dl')?.textContent ?? '';
    expect(facts).toContain('alice@example.com');
    expect(facts).toContain('Administrator');
    expect(facts).toContain('November 2, 2026');
  });

  it('warns when 2FA is off and links to Two Factor Settings', async () => {
    await open(account());

    expect(page().textContent).toContain('Two-factor authentication is off.');
    const link = page().querySelector<HTMLAnchorElement>('a[href="/settings/two-factor"]');
    expect(link?.textContent?.trim()).toBe('Set up two-factor authentication');
  });

  it('lists the methods when 2FA is on', async () => {
    await open(
      account({ twoFactor: { enabled: true, methods: [MfaMethod.Email], enforcementDate: null } }),
    );

    expect(page().textContent).not.toContain('Two-factor authentication is off.');
    expect(page().querySelector('ul')?.textContent).toContain('Email one-time passwords');
  });

  describe('the date from which 2FA is mandatory', () => {
    const withDeadline = (enforcementDate: string) =>
      account({ twoFactor: { enabled: false, methods: [], enforcementDate } });

    // jest.preset.js runs the tests in New York, where midnight UTC is the evening before.
    it('names the coming day as the administrators set it, in any time zone', async () => {
      await open(withDeadline('2999-01-15T00:00:00.000Z'));

      expect(page().textContent).toContain('It becomes mandatory on January 15, 2999.');
    });

    it('says it is mandatory already once the day has passed', async () => {
      await open(withDeadline('2025-04-21T00:00:00.000Z'));

      expect(page().textContent).toContain('It is mandatory since April 21, 2025: please');
      expect(page().textContent).not.toContain('becomes mandatory');
    });
  });
});
