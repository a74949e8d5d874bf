import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiErrorCode } from '@twofold/shared/contracts';
import { catchError, throwError } from 'rxjs';

import { SESSION_EXPIRED_MESSAGE } from './api-error';
import { SessionStore } from './session.store';

/**
 * When the server no longer knows a session the SPA believed in (a pending sign-in past its
 * 10 minutes, an idle session), go back to sign-in and say why instead of failing in place.
 */
export const sessionExpiryInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(SessionStore);
  const router = inject(Router);

  return next(request).pipe(
    catchError((error: unknown) => {
      const expired =
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        (error.error as { code?: unknown } | null)?.code === ApiErrorCode.Unauthenticated &&
        store.signedIn();

      if (expired) {
        store.clear(SESSION_EXPIRED_MESSAGE);
        void router.navigateByUrl('/sign-in');
      }

      return throwError(() => error);
    }),
  );
};
