/** The one state a server-side session is in; see DESIGN.md, "Session states". */
export enum SessionState {
  /** The password was right and the user has 2FA: only the second factor and sign-out remain. */
  PendingMfa = 'pending-mfa',
  /** The password was right, the user has no 2FA and the enforcement date has passed. */
  PendingEnrollment = 'pending-enrollment',
  Authenticated = 'authenticated',
}

export enum Role {
  User = 'user',
  Admin = 'admin',
}

/** The second factors a user can have turned on. */
export enum MfaMethod {
  Email = 'email',
  Totp = 'totp',
}

/** What the SPA learns about the current session: `GET /api/auth/session`, and the answer to sign-in. */
export type SessionView =
  | { readonly state: 'anonymous' }
  | {
      readonly state: SessionState.PendingMfa;
      /** The methods the user may choose from on Multi-Factor Verification. */
      readonly methods: readonly MfaMethod[];
      readonly expiresAt: string;
    }
  | {
      readonly state: SessionState.PendingEnrollment;
      readonly expiresAt: string;
    }
  | {
      readonly state: SessionState.Authenticated;
      readonly user: AccountView;
      readonly expiresAt: string;
    };

export interface AccountView {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly twoFactor: TwoFactorStatus;
}

export interface TwoFactorStatus {
  /** True when at least one method is on. */
  readonly enabled: boolean;
  readonly methods: readonly MfaMethod[];
  /** When 2FA becomes mandatory (ISO 8601), or null when no date is set. */
  readonly enforcementDate: string | null;
}

/** `GET /api/public-config`: what the SPA needs before anyone signs in. */
export interface PublicConfig {
  readonly appName: string;
  readonly supportEmail: string;
}

/** `GET /api/health`: 200 when every dependency is up, 503 otherwise. */
export interface HealthView {
  readonly status: 'ok' | 'degraded';
  readonly database: 'up' | 'down';
  readonly mail: 'up' | 'down';
}
