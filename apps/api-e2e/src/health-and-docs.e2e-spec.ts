import {
  ApiErrorCode,
  SESSION_COOKIE,
  XSRF_COOKIE,
  type HealthView,
  type PublicConfig,
} from '@twofold/shared/contracts';
import { expectError, expectStatus } from './support/flows';
import { TestApp } from './support/test-app';

describe('the API describes itself', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start('health');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports its database and mail server as up on /api/health', async () => {
    const response = await app.browser().get('/api/health');

    expectStatus(response, 200);
    expect(response.body).toEqual<HealthView>({ status: 'ok', database: 'up', mail: 'up' });
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const response = await app.browser().get('/api/docs');

    expectStatus(response, 200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text.toLowerCase()).toContain('swagger');
  });

  it('tells the SPA its name and support address before anyone signs in', async () => {
    const response = await app.browser().get('/api/public-config');

    expectStatus(response, 200);
    const config = response.body as PublicConfig;
    expect(config.appName).toBe('Twofold');
    expect(config.supportEmail).toMatch(/@/);
  });

  it('answers an anonymous visitor with state anonymous and a readable XSRF token', async () => {
    const browser = app.browser();
    const response = await browser.open();

    expectStatus(response, 200);
    expect(response.body).toEqual({ state: 'anonymous' });
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(browser.xsrfToken).toBeTruthy();
    const attributes = browser.cookieAttributes(XSRF_COOKIE);
    expect(attributes?.has('httponly')).toBe(false);
    expect(attributes?.get('samesite')?.toLowerCase()).toBe('strict');
  });

  it('answers an unknown /api route with a JSON 404', async () => {
    const response = await app.browser().get('/api/no-such-route');

    expectError(response, 404, ApiErrorCode.NotFound);
    expect(response.headers['content-type']).toMatch(/application\/json/);
  });
});
