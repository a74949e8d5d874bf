import { MfaMethod } from '@twofold/shared/contracts';

/**
 * What the auth library needs to know about second factors, implemented by the mfa library.
 * Auth decides the session state after a correct password from it, without depending on mfa.
 */
export abstract class SecondFactorPolicy {
  /** The methods the user has turned on; empty when the user has no 2FA. */
  abstract enabledMethods(userId: string): Promise<MfaMethod[]>;
}
