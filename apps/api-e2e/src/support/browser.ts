import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@twofold/shared/contracts';
import request, { type Response } from 'supertest';

/** What the server said about one cookie, as a browser would keep it. */
export interface StoredCookie {
  /** As the server sent it (URL-encoded); `Browser.cookie()` decodes it like `document.cookie` readers do. */
  readonly raw: string;
  readonly attributes: ReadonlyMap<string, string>;
}

export interface SendOptions {
  /** The `X-XSRF-TOKEN` header: by default the `XSRF-TOKEN` cookie, as Angular sends it. */
  readonly xsrf?: string | false;
  readonly origin?: string;
}

/**
 * A browser as far as the API can tell: it keeps the cookies the server sets and, like Angular's
 * HttpClient, copies the `XSRF-TOKEN` cookie into the `X-XSRF-TOKEN` header of unsafe requests.
 */
export class Browser {
  private readonly jar = new Map<string, StoredCookie>();

  constructor(
    private readonly baseUrl: string,
    private readonly observe: (response: Response) => void = () => undefined,
  ) {}

  /** Loads the app as the SPA does at start: asks for the session, which hands out the token. */
  async open(): Promise<Response> {
    return this.get('/api/auth/session');
  }

  async get(path: string): Promise<Response> {
    const response = await request(this.baseUrl).get(path).set(this.cookieHeader());
    return this.receive(response);
  }

  async post(path: string, body: object = {}, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.cookieHeader() };
    const xsrf = options.xsrf === undefined ? this.cookie(XSRF_COOKIE) : options.xsrf;
    if (xsrf) {
      headers[XSRF_HEADER] = xsrf;
    }
    if (options.origin) {
      headers['Origin'] = options.origin;
    }

    const response = await request(this.baseUrl).post(path).set(headers).send(body);
    return this.receive(response);
  }

  cookie(name: string): string | undefined {
    const raw = this.jar.get(name)?.raw;
    return raw === undefined ? undefined : decodeURIComponent(raw);
  }

  cookieAttributes(name: string): ReadonlyMap<string, string> | undefined {
    return this.jar.get(name)?.attributes;
  }

  get sessionCookie(): string | undefined {
    return this.cookie(SESSION_COOKIE);
  }

  get xsrfToken(): string | undefined {
    return this.cookie(XSRF_COOKIE);
  }

  /** Plants a cookie, as an attacker with a foothold on the victim's machine could. */
  setCookie(name: string, value: string): void {
    this.jar.set(name, { raw: encodeURIComponent(value), attributes: new Map() });
  }

  /** Another browser holding copies of this one's cookies: a stolen or replayed cookie. */
  copy(): Browser {
    const twin = new Browser(this.baseUrl, this.observe);
    for (const [name, cookie] of this.jar) {
      twin.jar.set(name, cookie);
    }
    return twin;
  }

  private cookieHeader(): Record<string, string> {
    if (this.jar.size === 0) {
      return {};
    }
    const pairs = [...this.jar].map(([name, cookie]) => `${name}=${cookie.raw}`);
    return { Cookie: pairs.join('; ') };
  }

  private receive(response: Response): Response {
    this.observe(response);
    const header = response.headers['set-cookie'] as string[] | string | undefined;
    const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
    for (const line of lines) {
      this.store(line);
    }
    return response;
  }

  private store(line: string): void {
    const [pair = '', ...rest] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const raw = pair.slice(separator + 1).trim();
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const [key = '', ...values] = attribute.split('=');
      attributes.set(key.trim().toLowerCase(), values.join('=').trim());
    }

    const maxAge = attributes.get('max-age');
    const expires = attributes.get('expires');
    const expired =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (expired || raw === '') {
      this.jar.delete(name);
      return;
    }
    this.jar.set(name, { raw, attributes });
  }
}
