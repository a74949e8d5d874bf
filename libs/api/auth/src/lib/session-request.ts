import type { Request } from 'express';
import { SESSION_REQUEST_KEY, SessionContext } from './session-context';

/**
 * The Express request as the session middleware leaves it: `undefined` before the session was
 * looked up, `null` when the request has none.
 */
export type SessionRequest = Request & {
  [SESSION_REQUEST_KEY]?: SessionContext | null;
};
