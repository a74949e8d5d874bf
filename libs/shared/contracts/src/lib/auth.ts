import type { AccountView } from './session';

/** `POST /api/auth/signup` */
export interface SignUpRequest {
  readonly username: string;
  readonly email: string;
  readonly password: string;
}

/** `POST /api/auth/login` */
export interface SignInRequest {
  readonly username: string;
  readonly password: string;
}

export type SignUpResponse = AccountView;

/** `GET /api/auth/sessions`: the user's other live sessions, in any state, besides this one. */
export interface OtherSessionsView {
  readonly otherSessions: number;
}

/** `POST /api/auth/sessions/end-others`: how many other sessions were signed out. */
export interface EndOtherSessionsResponse {
  readonly ended: number;
}
