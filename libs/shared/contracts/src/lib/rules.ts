/** Limits shared by the API's validation and the SPA's forms. Sources in SECURITY.md. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{1,30}[a-z0-9])$/;
export const USERNAME_RULE =
  '3 to 32 characters: lower-case letters, digits, dots, dashes and underscores, starting and ending with a letter or digit';
export const EMAIL_MAX_LENGTH = 254;
/** A one-time code is exactly six ASCII digits, nothing else. */
export const OTP_CODE_PATTERN = /^[0-9]{6}$/;
export const OTP_CODE_LENGTH = 6;

/** Cookie and header names the API and the SPA agree on. */
export const SESSION_COOKIE = 'twofold_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
