import { expect, test, type Locator } from '@playwright/test';
import jsQR from 'jsqr';
import { Secret, TOTP, URI } from 'otpauth';
import { PNG } from 'pngjs';
import {
  enableEmailTwoFactor,
  inbox,
  newPerson,
  REQUEST_CODE,
  signIn,
  signUp,
  type Person,
} from './support/flows';

/*
 * Steps 7 to 13 of the design and the TOTP sign-in, as a person with a phone would do them. The
 * codes come from `otpauth`, an implementation independent of the server's speakeasy adapter, fed
 * with the key the setup page shows; the QR image is decoded here to check it carries that key.
 */

test.use({ baseURL: process.env['TWOFOLD_E2E_BASE_URL'] });

const ISSUER = 'Twofold';
const PERIOD_SECONDS = 30;
const ADDED_MESSAGE = 'Authenticator app added. You can now sign in with a code from your app.';
const WRONG_CODE_MESSAGE = /That code is not right/;
const REUSED_CODE_MESSAGE = 'This code was already used. Wait for the next one in your app.';
const TOTP_METHOD = 'Time-Based One-Time Password';

test('a person adds an authenticator app from its QR code and signs in with its codes', async ({
  page,
}) => {
  const person = newPerson();
  const mail = inbox();

  await signUp(page, person);
  await enableEmailTwoFactor(page, person, mail);

  // Steps 7 to 10: `Enable` on the TOTP row, then the emailed code, then the setup page.
  const totpRow = page.locator('[data-method="totp"]');
  await expect(
    totpRow.getByRole('heading', { name: 'Time Based One Time Password (TOTP)' }),
  ).toBeVisible();
  await totpRow.getByRole('button', { name: 'Enable', exact: true }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Verify your email address' })).toBeVisible();
  await dialog.getByRole('button', { name: REQUEST_CODE }).click();
  await dialog.getByLabel('One-time password').fill(await mail.nextCode(person.email));
  await dialog.getByRole('button', { name: 'OTP Verification' }).click();

  // Step 11: the key in the page, and the same key in the QR code.
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  const shownKey = page.locator('code[data-secret]');
  const secret = (await shownKey.getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(shownKey).toHaveText(secret.match(/.{4}/g)?.join(' ') ?? '');
  await expect(page.getByRole('button', { name: 'Copy key' })).toBeVisible();

  const uri = await qrCodeText(
    page.getByRole('img', { name: 'QR code for your authenticator app' }),
  );
  expect(uri).toBe(`otpauth://totp/${ISSUER}:${person.username}?secret=${secret}&issuer=${ISSUER}`);
  expectKeyUri(uri, person, secret);

  // Step 12: a wrong code is refused and the key stays pending; then the app's current code.
  const app = new TOTP({
    issuer: ISSUER,
    label: person.username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
  const verify = page.getByRole('button', { name: 'Verify', exact: true });
  await page.getByLabel('One-time password').fill(codeNoWindowAccepts(app));
  await verify.click();
  await expect(page.getByRole('alert')).toContainText(WRONG_CODE_MESSAGE);
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();

  const activationStep = currentStep();
  const activationCode = app.generate({ timestamp: activationStep * PERIOD_SECONDS * 1000 });
  await page.getByLabel('One-time password').fill(activationCode);
  await verify.click();

  // Step 13: back on Two Factor Settings, with the message and `Disable`.
  await expect(page.getByRole('heading', { name: 'Two Factor Settings' })).toBeVisible();
  await expect(page.getByText(ADDED_MESSAGE)).toBeVisible();
  await expect(totpRow.getByRole('button', { name: 'Disable', exact: true })).toBeVisible();
  await expect(totpRow.getByRole('button', { name: 'Enable', exact: true })).toHaveCount(0);

  // Signing in: the code that turned the app on cannot open a session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, person);
  await expect(page.getByRole('heading', { name: 'Multi-Factor Verification' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Email', exact: true })).toBeVisible();
  await page.getByRole('button', { name: TOTP_METHOD, exact: true }).click();
  await page.getByLabel('One-time password').fill(activationCode);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('alert')).toHaveText(REUSED_CODE_MESSAGE);
  await expect(page.getByRole('heading', { name: 'Multi-Factor Verification' })).toBeVisible();
  await mail.nextMail(person.email, /already used sign-in code was tried again/);

  // The app's next code does, once its 30-second step has begun.
  await expect
    .poll(currentStep, { timeout: (PERIOD_SECONDS + 5) * 1000, intervals: [250] })
    .toBeGreaterThan(activationStep);
  const signInCode = app.generate({ timestamp: currentStep() * PERIOD_SECONDS * 1000 });
  expect(signInCode).not.toBe(activationCode);
  await page.getByLabel('One-time password').fill(signInCode);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${person.username}` })).toBeVisible();

  // The same code again, in a new sign-in within its window, is refused.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, person);
  await page.getByRole('button', { name: TOTP_METHOD, exact: true }).click();
  await page.getByLabel('One-time password').fill(signInCode);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('alert')).toHaveText(REUSED_CODE_MESSAGE);
  await expect(page.getByRole('heading', { name: 'Multi-Factor Verification' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeHidden();
});

/** The 30-second step of the test's clock, which is the server's: both run on this machine. */
function currentStep(): number {
  return Math.floor(Date.now() / 1000 / PERIOD_SECONDS);
}

/** A six-digit code that none of the steps the server accepts (±1 and a margin) yields. */
function codeNoWindowAccepts(app: TOTP): string {
  const step = currentStep();
  const valid = new Set(
    [-2, -1, 0, 1, 2].map((offset) =>
      app.generate({ timestamp: (step + offset) * PERIOD_SECONDS * 1000 }),
    ),
  );
  let candidate = Number(app.generate({ timestamp: step * PERIOD_SECONDS * 1000 }));
  do {
    candidate = (candidate + 1) % 1_000_000;
  } while (valid.has(String(candidate).padStart(6, '0')));
  return String(candidate).padStart(6, '0');
}

/** Decodes the QR code in an image whose source is a PNG data URL, as a phone's camera would. */
async function qrCodeText(image: Locator): Promise<string> {
  await expect(image).toBeVisible();
  const source = (await image.getAttribute('src')) ?? '';
  expect(source).toMatch(/^data:image\/png;base64,/);

  const png = PNG.sync.read(Buffer.from(source.slice(source.indexOf(',') + 1), 'base64'));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded, 'the image holds a readable QR code').not.toBeNull();
  return decoded?.data ?? '';
}

/** Takes the key URI apart, once with the URL parser and once with otpauth's own. */
function expectKeyUri(uri: string, person: Person, secret: string): void {
  const url = new URL(uri);
  expect(url.protocol).toBe('otpauth:');
  expect(url.host).toBe('totp');
  expect(decodeURIComponent(url.pathname)).toBe(`/${ISSUER}:${person.username}`);
  expect([...url.searchParams.keys()].sort()).toEqual(['issuer', 'secret']);
  expect(url.searchParams.get('issuer')).toBe(ISSUER);
  expect(url.searchParams.get('secret')).toBe(secret);
  // 20 random bytes are 32 Base32 characters exactly, so there is no `=` padding to strip.
  expect(url.searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
  expect(url.search).toBe(`?secret=${secret}&issuer=${ISSUER}`);

  const parsed = URI.parse(uri);
  expect(parsed).toBeInstanceOf(TOTP);
  expect(parsed).toMatchObject({
    issuer: ISSUER,
    label: person.username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
  expect(parsed.secret.base32).toBe(secret);
  expect(parsed.secret.bytes).toHaveLength(20);
}
