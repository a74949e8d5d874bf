import { Injectable } from '@nestjs/common';
import { AppConfig } from '@twofold/api/core';
import { XSRF_COOKIE } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { replaceCookie } from './cookies';

const ANONYMOUS_KEY = 'anonymous';

/**
 * Double-submit tokens bound to the session: a random nonce plus an HMAC of the nonce and the
 * session's row id (or "anonymous"). A token planted by another site, or taken from another
 * session, does not verify.
 */
@Injectable()
export class CsrfService {
  constructor(private readonly config: AppConfig) {}

  issue(res: Response, sessionId: string | null): string {
    const nonce = randomBytes(18).toString('base64url');
    const token = `${nonce}.${this.mac(nonce, sessionId)}`;
    replaceCookie(res, XSRF_COOKIE, token, {
      // Angular reads this cookie to copy it into the X-XSRF-TOKEN header.
      httpOnly: false,
      sameSite: 'strict',
      secure: this.config.secureCookies,
      path: '/',
    });
    return token;
  }

  isValid(token: string | undefined, sessionId: string | null): boolean {
    if (typeof token !== 'string') {
      return false;
    }
    const [nonce, mac, ...rest] = token.split('.');
    if (!nonce || !mac || rest.length > 0) {
      return false;
    }
    const expected = Buffer.from(this.mac(nonce, sessionId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(nonce: string, sessionId: string | null): string {
    return createHmac('sha256', this.config.sessionSecret)
      .update(`csrf:${nonce}:${sessionId ?? ANONYMOUS_KEY}`)
      .digest('base64url');
  }
}
