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
