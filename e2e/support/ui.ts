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
