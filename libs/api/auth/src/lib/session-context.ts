import { SessionState } from '@twofold/shared/contracts';

/**
 * The session of the current request, as the guard attached it. `id` is the database row's key,
 * never the cookie value: the cookie's token is known only to the browser.
 */
export interface SessionContext {
  readonly id: string;
  readonly userId: string;
  readonly state: SessionState;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Where the guard puts the session on the Express request. */
export const SESSION_REQUEST_KEY = 'twofoldSession';
