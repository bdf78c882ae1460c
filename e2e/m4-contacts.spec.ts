import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field, grid } from './support/ui.js';

const host = { host: '127.0.0.1' };

interface Contact {
  id: number;
  name: string;
  customerId: number;
  isPrimary: boolean;
}

/** Lab manual M4: the Contacts folder, a contact's Customer, Save record, Save and New, Primary contact. */
describe('M4 contacts', () => {
  let s: Story;
  let acme: { id: number };

  const contacts = async (): Promise<Contact[]> => {
    const res = await s.server.app.inject({ method: 'GET', url: '/api/v1/contacts?limit=100', headers: host });
    return (res.json() as { items: Contact[] }).items;
  };
  const primaryOf = async (customerId: number) => (await contacts()).filter((c) => c.customerId === customerId && c.isPrimary).map((c) => c.name);

  /** Picks a record in the searchable reference picker: type to search on the server, then choose. */
  const pickCustomer = async (scope: ReturnType<Story['page']['getByRole']>, name: string) => {
    const input = field(scope, 'Customer');
    await input.click();
    await input.fill(name.slice(0, 4));
    await s.page.getByRole('option', { name, exact: true }).click();
  };

  beforeAll(async () => {
    s = await openStory('m4');
    acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    await createCustomer(s.server.app, { name: 'Blue Harbor Foods' });
    await createCustomer(s.server.app, { name: '삼성전자' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M4.a: the Contacts folder; New opens the contact dialog; the Customer comes from a searchable picker', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('tab', { name: 'Contact list' }).waitFor();
    await page.getByText('No contacts yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await field(dialog, 'Contact name').fill('Kim Minsu');
    await pickCustomer(dialog, 'ACME Trading');
    await field(dialog, 'Title').fill('Purchasing manager');
    await field(dialog, 'Email').fill('minsu.kim@acme.example');
    await dialog.getByRole('checkbox', { name: 'Primary contact' }).waitFor();
    await s.shot('M4.a-new-contact');
  });

  it('M4.b: Save record stores the contact with its customer; the first contact becomes primary', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = grid(page, 'Contact list').getByRole('row').filter({ hasText: 'Kim Minsu' });
    await row.getByRole('cell', { name: 'ACME Trading' }).waitFor();
    await row.getByRole('cell', { name: 'Yes' }).waitFor();
    expect(await primaryOf(acme.id)).toEqual(['Kim Minsu']);
    await s.shot('M4.b-saved');
  });

  it('M4.c: New, Save and New, several contacts, and a Primary contact marked', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await field(dialog, 'Contact name').fill('Lee Jiwon');
    await pickCustomer(dialog, 'ACME Trading');
    await dialog.getByRole('checkbox', { name: 'Primary contact' }).check();
    await dialog.getByRole('button', { name: 'Save and New' }).click();
    await dialog.getByText('Saved “Lee Jiwon”').waitFor();
    expect(await field(dialog, 'Contact name').inputValue()).toBe('');
    await field(dialog, 'Contact name').fill('박서연');
    await pickCustomer(dialog, '삼성전자');
    await field(dialog, 'Mobile').fill('+82 10 5555 0101');
    await s.shot('M4.c-save-and-new');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('3 contacts', { exact: true }).waitFor();
    // Marking Lee primary unmarked Kim: one primary per customer.
    expect(await primaryOf(acme.id)).toEqual(['Lee Jiwon']);
    await s.shot('M4.c-list');
  });

  it('M4: Customer information → Contacts: New contact with the customer filled in, and Make primary', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'ACME Trading' }).click();
    await page.getByRole('heading', { name: 'ACME Trading' }).waitFor();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    const table = page.getByRole('table', { name: 'Contacts of ACME Trading' });
    const lee = table.getByRole('row').filter({ hasText: 'Lee Jiwon' });
    await lee.getByText('Primary contact').waitFor();
    await page.getByRole('button', { name: 'New contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    expect(await field(dialog, 'Customer').inputValue()).toBe('ACME Trading');
    await field(dialog, 'Contact name').fill('Choi Yuna');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const choi = table.getByRole('row').filter({ hasText: 'Choi Yuna' });
    await choi.waitFor();
    await choi.getByRole('button', { name: 'Make primary' }).click();
    await choi.getByText('Primary contact').waitFor();
    await lee.getByRole('button', { name: 'Make primary' }).waitFor();
    expect(await primaryOf(acme.id)).toEqual(['Choi Yuna']);
    await s.shot('M4-customer-contacts');
    expect(s.problems).toEqual([]);
  });
});
