import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { MfaMethod, Role, SessionState, SessionView } from '@twofold/shared/contracts';

import { anonymousOnlyGuard, authenticatedGuard, pendingMfaGuard } from './session.guards';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class PageStubComponent {}

const views: Record<string, SessionView> = {
  anonymous: { state: 'anonymous' },
  pending: {
    state: SessionState.PendingMfa,
    methods: [MfaMethod.Email],
    expiresAt: '2026-12-03T10:10:00Z',
  },
  authenticated: {
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
  },
};

describe('session guards', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', canActivate: [anonymousOnlyGuard], component: PageStubComponent },
          { path: 'verify', canActivate: [pendingMfaGuard], component: PageStubComponent },
          { path: '', canActivate: [authenticatedGuard], component: PageStubComponent },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  // The router reaches the guards a few ticks after navigation starts.
  const routerTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

  async function visit(url: string, session: SessionView): Promise<string> {
    const navigation = router.navigateByUrl(url);
    await routerTick();
    http.expectOne('/api/auth/session').flush(session);
    await navigation;
    return router.url;
  }

  it.each([
    ['/', 'anonymous', '/sign-in'],
    ['/', 'pending', '/verify'],
    ['/', 'authenticated', '/'],
    ['/verify', 'anonymous', '/sign-in'],
    ['/verify', 'pending', '/verify'],
    ['/verify', 'authenticated', '/'],
    ['/sign-in', 'anonymous', '/sign-in'],
    ['/sign-in', 'pending', '/verify'],
    ['/sign-in', 'authenticated', '/'],
  ])('sends a visit to %s with a %s session to %s', async (url, session, expected) => {
    expect(await visit(url, views[session])).toBe(expected);
  });

  it('lets a pending-enrollment session reach sign-in rather than loop', async () => {
    const view: SessionView = {
      state: SessionState.PendingEnrollment,
      expiresAt: '2026-12-03T10:10:00Z',
    };

    expect(await visit('/', view)).toBe('/sign-in');
  });

  it('treats an unreachable API as signed out', async () => {
    const navigation = router.navigateByUrl('/');
    await routerTick();
    http.expectOne('/api/auth/session').error(new ProgressEvent('error'), { status: 0 });
    await navigation;

    expect(router.url).toBe('/sign-in');
  });

  it('asks the API for the session only once', async () => {
    await visit('/', views['authenticated']);
    await router.navigateByUrl('/verify');

    http.expectNone('/api/auth/session');
    expect(router.url).toBe('/');
  });
});
