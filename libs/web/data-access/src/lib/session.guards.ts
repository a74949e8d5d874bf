import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { SessionState } from '@twofold/shared/contracts';

import { SessionStatus, SessionStore, landingPageFor } from './session.store';

function allowOnly(allowed: readonly SessionStatus[]): CanActivateFn {
  return async (): Promise<boolean | UrlTree> => {
    const store = inject(SessionStore);
    const router = inject(Router);

    const { state } = await store.ensureLoaded();
    return allowed.includes(state) ? true : router.parseUrl(landingPageFor(state));
  };
}

/** Sign-in and sign-up: a signed-in user goes on to where their session belongs. */
export const anonymousOnlyGuard: CanActivateFn = allowOnly([
  'anonymous',
  // TODO(web): pending-enrollment belongs on an enrolment page once mandatory 2FA has one; until
  // then sign-in is its landing page, and letting it in here keeps the guards from looping.
  SessionState.PendingEnrollment,
]);

/** Multi-Factor Verification: only between the password and the second factor. */
export const pendingMfaGuard: CanActivateFn = allowOnly([SessionState.PendingMfa]);

/** Everything behind sign-in: anonymous users go to sign-in, pending ones to verification. */
export const authenticatedGuard: CanActivateFn = allowOnly([SessionState.Authenticated]);
