import { SetMetadata } from '@nestjs/common';
import { SessionState } from '@twofold/shared/contracts';

export const SESSION_STATES_KEY = 'twofold:sessionStates';
export const PUBLIC_ROUTE_KEY = 'twofold:publicRoute';

/**
 * The session states a route accepts. The global session guard denies every route that declares
 * neither this nor `@PublicRoute()`.
 */
export const AllowSessionStates = (...states: [SessionState, ...SessionState[]]) =>
  SetMetadata(SESSION_STATES_KEY, states);

/** Shorthand for the common case: a fully signed-in session. */
export const Authenticated = () => AllowSessionStates(SessionState.Authenticated);

/** A route that needs no session at all (health, sign-in, sign-up). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE_KEY, true);
