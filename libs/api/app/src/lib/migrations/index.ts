import { CreateUsers1767200000000 } from './1767200000000-create-users';
import { CreateSessions1767200000100 } from './1767200000100-create-sessions';
import { CreateAuthFailures1767200000200 } from './1767200000200-create-auth-failures';
import { CreateMfaTables1767200001000 } from './1767200001000-create-mfa-tables';
import { CreateTotpCredentials1767200002000 } from './1767200002000-create-totp-credentials';

/** Every migration, in order. A new migration file must be added here. */
export const MIGRATIONS = [
  CreateUsers1767200000000,
  CreateSessions1767200000100,
  CreateAuthFailures1767200000200,
  CreateMfaTables1767200001000,
  CreateTotpCredentials1767200002000,
];
