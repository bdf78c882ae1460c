import type { Locator, Page } from 'playwright-core';

/** A form control by its accessible name (text inputs are textboxes, selects are comboboxes). */
export function field(scope: Locator | Page, name: string): Locator {
  return scope.getByRole('textbox', { name, exact: true }).or(scope.getByRole('combobox', { name, exact: true }));
}

/** Picks an option in a Mantine Select found by its label (the options list is a portal on the page). */
export async function pickOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The list grid (a table named after the list). */
export function grid(page: Page, name = 'Customer list'): Locator {
  return page.getByRole('table', { name });
}

/** The grid row that links to this record name. */
export function rowOf(page: Page, name: string): Locator {
  return grid(page).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** A cell of a row by its column header's position. */
export async function cellOf(page: Page, row: Locator, column: string, gridName = 'Customer list'): Promise<Locator> {
  const headers = await grid(page, gridName).getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === column);
  if (index < 0) throw new Error(`no column ${column} in ${headers.join(', ')}`);
  return row.getByRole('cell').nth(index);
}

/**
 * Clicks the way a student does, at once after the last step: fails when anything (a toast) covers the
 * control, instead of waiting until it goes away (issue 10: toasts swallowed clicks for 2–4 s).
 */
export async function clickNow(target: Locator): Promise<void> {
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  const covered = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (el === hit || el.contains(hit)) ? null : (hit?.outerHTML.slice(0, 160) ?? 'nothing');
  });
  if (covered) throw new Error(`a click on ${String(target)} would land on ${covered}`);
  // Nothing covers it (checked just above); the time limit only bounds Playwright's own work, which a
  // busy CI machine (two cores, the API tests beside the stories) can stretch past a second.
  await target.click({ timeout: 5000 });
}

/** Buttons of `scope` that a visible toast overlaps (a toast must never cover a dialog's buttons, even click-through). */
export async function toastsOver(page: Page, scope: Locator): Promise<string[]> {
  const toasts = await page.locator('.mantine-Notification-root').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  if (toasts.length === 0) return [];
  return scope.getByRole('button').evaluateAll((buttons, boxes) => buttons.flatMap((b) => {
    const r = b.getBoundingClientRect();
    const hit = boxes.some((t) => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom);
    return hit && r.width > 0 ? [b.getAttribute('aria-label') ?? b.textContent ?? '?'] : [];
  }), toasts);
}

/** Chooses a record in a reference picker: types part of its name, then clicks the option. */
export async function pickRecord(page: Page, scope: Locator, label: string, search: string, option: string): Promise<void> {
  const input = field(scope, label);
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}
