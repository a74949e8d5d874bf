import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

const outputRoot = join(__dirname, '../../dist/.playwright/apps/web-e2e');

/**
 * The browser suite drives Debian's Chromium against the built app (`dist/apps/api` serving
 * `dist/apps/web`), started by the global setup next to a test SMTP server. No browser is ever
 * downloaded.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.spec.ts',
  globalSetup: require.resolve('./src/global-setup'),
  outputDir: join(outputRoot, 'test-output'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env['WEB_E2E_JSON'] ?? join(outputRoot, 'results.json') }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        headless: true,
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
