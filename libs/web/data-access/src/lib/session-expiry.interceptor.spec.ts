import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiErrorCode, MfaMethod, SessionState } from '@twofold/shared/contracts';
import { firstValueFrom } from 'rxjs';

import { SESSION_EXPIRED_MESSAGE } from './api-error';
import { sessionExpiryInterceptor } from './session-expiry.interceptor';
import { SessionStore } from './session.store';

describe('sessionExpiryInterceptor', () => {
  let http: HttpTestingController;
  let store: SessionStore;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionExpiryInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  function failWith(status: number, code: ApiErrorCode): Promise<unknown> {
    const request = firstValueFrom(TestBed.inject(HttpClient).post('/api/mfa/verify/email', {}));
    http
      .expectOne('/api/mfa/verify/email')
      .flush({ statusCode: status, code, message: 'x' }, { status, statusText: 'x' });
    return request.catch((error: unknown) => error);
  }

  it('sends an expired pending sign-in back to sign-in and says why', async () => {
    store.set({ state: SessionState.PendingMfa, methods: [MfaMethod.Email], expiresAt: '' });

    await failWith(401, ApiErrorCode.Unauthenticated);

    expect(store.state()).toBe('anonymous');
    expect(store.takeNotice()).toBe(SESSION_EXPIRED_MESSAGE);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/sign-in');
  });

  it('leaves a wrong password to the sign-in page', async () => {
    await failWith(401, ApiErrorCode.InvalidCredentials);

    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('leaves a wrong code to the page that sent it', async () => {
    store.set({ state: SessionState.PendingMfa, methods: [MfaMethod.Email], expiresAt: '' });

    await failWith(422, ApiErrorCode.CodeInvalid);

    expect(store.state()).toBe(SessionState.PendingMfa);
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });
});
