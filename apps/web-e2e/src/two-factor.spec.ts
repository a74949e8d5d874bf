import { expect, test } from '@playwright/test';
import {
  enableEmailTwoFactor,
  inbox,
  newPerson,
  openTwoFactorSettings,
  REQUEST_CODE,
  signIn,
  signUp,
  wrong,
} from './support/flows';

test.use({ baseURL: process.env['TWOFOLD_E2E_BASE_URL'] });

test('a person turns on email 2FA, signs out, and signs in again with a mailed code', async ({
  page,
}) => {
  const person = newPerson();
  const mail = inbox();

  await signUp(page, person);

  await openTwoFactorSettings(page);
  // The TOTP row has an On/Off state of its own: read the email row's.
  const emailRow = page.locator('[data-method="email"]');
  await expect(emailRow.getByText('Off', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enable Two Factor' }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: REQUEST_CODE }).click();
  const enableCode = await mail.nextCode(person.email);
  await dialog.getByLabel('One-time password').fill(enableCode);
  await dialog.getByRole('button', { name: 'OTP Verification' }).click();

  await expect(dialog).toBeHidden();
  await expect(emailRow.getByText('On', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disable Two Factor' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, person);

  await expect(page.getByRole('heading', { name: 'Multi-Factor Verification' })).toBeVisible();
  await page.getByRole('button', { name: 'Email', exact: true }).click();
  await page.getByRole('button', { name: REQUEST_CODE }).click();
  await expect(page.getByRole('button', { name: REQUEST_CODE })).toBeDisabled();
  const signInCode = await mail.nextCode(person.email);
  await page.getByLabel('One-time password').fill(signInCode);
  await page.getByRole('button', { name: 'Validate' }).click();

  await expect(page.getByRole('heading', { name: `Welcome, ${person.username}` })).toBeVisible();
  await expect(page.getByText(person.email)).toBeVisible();
});

test('a wrong code is refused with a message, and the right one then works', async ({ page }) => {
  const person = newPerson();
  const mail = inbox();
  await signUp(page, person);

  await openTwoFactorSettings(page);
  await page.getByRole('button', { name: 'Enable Two Factor' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: REQUEST_CODE }).click();
  const enableCode = await mail.nextCode(person.email);
  await dialog.getByLabel('One-time password').fill(wrong(enableCode));
  await dialog.getByRole('button', { name: 'OTP Verification' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('One-time password').fill(enableCode);
  await dialog.getByRole('button', { name: 'OTP Verification' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Disable Two Factor' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, person);
  await page.getByRole('button', { name: 'Email', exact: true }).click();
  await page.getByRole('button', { name: REQUEST_CODE }).click();
  const signInCode = await mail.nextCode(person.email);
  await page.getByLabel('One-time password').fill(wrong(signInCode));
  await page.getByRole('button', { name: 'Validate' }).click();

  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Multi-Factor Verification' })).toBeVisible();

  await page.getByLabel('One-time password').fill(signInCode);
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${person.username}` })).toBeVisible();
});

test('after turning on email 2FA, a person signs out the browser still signed in elsewhere', async ({
  page,
  browser,
}) => {
  const person = newPerson();
  const mail = inbox();
  await signUp(page, person);
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await otherPage.goto('/');
  await signIn(otherPage, person);
  await expect(
    otherPage.getByRole('heading', { name: `Welcome, ${person.username}` }),
  ).toBeVisible();

  await enableEmailTwoFactor(page, person, mail);
  await expect(page.getByText('You have just changed how you sign in')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out other sessions' }).click();
  await expect(page.getByText('Signed out 1 other session.')).toBeVisible();

  await otherPage.reload();
  await expect(otherPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await elsewhere.close();

  await page.reload();
  await expect(page.getByText('You are not signed in anywhere else.')).toBeVisible();
});
