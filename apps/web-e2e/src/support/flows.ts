import { expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { Inbox } from './mail-inbox';

/** Someone who signs up in a test: a fresh account each time, so tests never share state. */
export interface Person {
  readonly username: string;
  readonly email: string;
  readonly password: string;
}

export const REQUEST_CODE = /^Request One Time Password/;

export function newPerson(): Person {
  // Letters only, so the name never looks like a six-digit code in a mail.
  const username = `pat-${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
  return {
    username,
    email: `${username}@example.test`,
    password: `quiet-harbour-${randomBytes(4).toString('hex')}`,
  };
}

export function inbox(): Inbox {
  return new Inbox(process.env['TWOFOLD_E2E_MAIL_DIR'] ?? '');
}

export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Create an account' }).click();

  await expect(page.getByRole('heading', { name: 'Create account' })).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: `Welcome, ${person.username}` })).toBeVisible();
}

export async function signIn(page: Page, person: Person): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function openTwoFactorSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Two Factor Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Two Factor Settings' })).toBeVisible();
}

/** Steps 1 to 6: turns on email 2FA from Two Factor Settings with a mailed code. */
export async function enableEmailTwoFactor(page: Page, person: Person, mail: Inbox): Promise<void> {
  await openTwoFactorSettings(page);
  await page.getByRole('button', { name: 'Enable Two Factor' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: REQUEST_CODE }).click();
  const code = await mail.nextCode(person.email);
  await dialog.getByLabel('One-time password').fill(code);
  await dialog.getByRole('button', { name: 'OTP Verification' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Disable Two Factor' })).toBeVisible();
}

/** Another six-digit code than the one given. */
export function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
