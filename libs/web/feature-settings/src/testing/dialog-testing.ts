import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';

/** Test helpers for pages that open Material dialogs, which render outside the fixture. */
export async function settle(): Promise<void> {
  await TestBed.inject(ApplicationRef).whenStable();
}

export function dialogElement(): HTMLElement | null {
  return document.querySelector('mat-dialog-container');
}

export function findButton(
  root: ParentNode,
  label: string | RegExp,
): HTMLButtonElement | undefined {
  return Array.from(root.querySelectorAll('button')).find((candidate) => {
    const text = candidate.textContent?.trim() ?? '';
    return typeof label === 'string' ? text === label : label.test(text);
  });
}

export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}
