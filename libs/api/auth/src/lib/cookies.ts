import type { CookieOptions, Response } from 'express';

/**
 * Sets a cookie, dropping any earlier `Set-Cookie` for the same name in this response, so that a
 * session rotated twice in one request (sign-out then sign-in) sends one unambiguous value.
 */
export function replaceCookie(
  res: Response,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  dropSetCookie(res, name);
  res.cookie(name, value, options);
}

export function replaceWithClearedCookie(
  res: Response,
  name: string,
  options: CookieOptions,
): void {
  dropSetCookie(res, name);
  res.clearCookie(name, options);
}

function dropSetCookie(res: Response, name: string): void {
  const current = res.getHeader('Set-Cookie');
  if (current === undefined) {
    return;
  }
  const cookies = Array.isArray(current) ? current : [String(current)];
  res.setHeader(
    'Set-Cookie',
    cookies.filter((cookie) => !cookie.startsWith(`${name}=`)),
  );
}
