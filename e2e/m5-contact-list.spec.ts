import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { cellOf, field, grid } from './support/ui.js';

const host = { host: '127.0.0.1' };

/** Two cards as a phone writes them: vCard 3.0, a folded line, quoted-printable, several TEL types. */
const VCF = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:김;민준;;;',
  'FN:김민준',
  'ORG:한빛상사',
  'TITLE:영업 팀장',
  'TEL;TYPE=CELL:+82 10 1234 5678',
  'TEL;TYPE=WORK:+82 2 555 0100',
  'EMAIL;TYPE=INTERNET:minjun.kim@hanbit.example',
  'NOTE:First met at the Seoul trade fair; prefers e-mail over ',
  ' phone calls.',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=EC=9D=B4;=EC=84=9C=EC=97=B0;;;',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=EC=9D=B4=EC=84=9C=EC=97=B0',
  'ORG:ACME Trading',
  'EMAIL:seoyeon.lee@acme.example',
  'END:VCARD',
  '',
].join('\r\n');

/** Lab manual M5: the Contact list — View contact, New, inline edit, group by, export (CSV, vCard), import vCard. */
describe('M5 contact list', () => {
  let s: Story;
  let acme: { id: number };

  beforeAll(async () => {
    s = await openStory('m5');
    acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    const blue = await createCustomer(s.server.app, { name: 'Blue Harbor Foods' });
    await createContact(s.server.app, { name: 'Kim Minsu', customerId: acme.id, title: 'Purchasing manager', mobile: '+82 10 5555 0100', email: 'minsu.kim@acme.example' });
    await createContact(s.server.app, { name: 'Lee Jiwon', customerId: acme.id, title: 'Engineer' });
    await createContact(s.server.app, { name: 'Park Joon', customerId: blue.id, title: 'Buyer' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M5.a: Contact list shows the contacts with their customers', async () => {
    const { page } = s;
    await page.goto('/contacts');
    await page.getByRole('tab', { name: 'Contact list' }).waitFor();
    await page.getByText('3 contacts', { exact: true }).waitFor();
    const list = grid(page, 'Contact list');
    await list.getByRole('row').filter({ hasText: 'Park Joon' }).getByRole('cell', { name: 'Blue Harbor Foods' }).waitFor();
    await s.shot('M5.a-list');
  });

  it('M5.b: clicking a contact name opens View contact: all fields, its customer as a link, its primary flag', async () => {
    const { page } = s;
    await grid(page, 'Contact list').getByRole('link', { name: 'Kim Minsu' }).click();
    const dialog = page.getByRole('dialog', { name: 'View contact' });
    await dialog.getByText('Purchasing manager').waitFor();
    expect(await dialog.getByRole('link', { name: 'ACME Trading' }).getAttribute('href')).toBe(`/customers/${acme.id}`);
    await dialog.getByText('Primary contact').waitFor();
    await dialog.getByText('Yes', { exact: true }).waitFor();
    expect(await dialog.getByRole('link', { name: 'Export vCard' }).getAttribute('href')).toMatch(/\/api\/v1\/contacts\/\d+\/vcard$/);
    await dialog.getByRole('button', { name: 'Edit' }).waitFor();
    await s.shot('M5.b-view-contact');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('M5.c: Close, New, another contact; M5.d the records are kept', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await field(dialog, 'Contact name').fill('Choi Yuna');
    const customer = field(dialog, 'Customer');
    await customer.click();
    await customer.fill('Blue');
    await page.getByRole('option', { name: 'Blue Harbor Foods', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('4 contacts', { exact: true }).waitFor();
    await page.reload();
    await grid(page, 'Contact list').getByRole('link', { name: 'Choi Yuna' }).waitFor();
  });

  it('M5: inline edit in the contact list', async () => {
    const { page } = s;
    const row = grid(page, 'Contact list').getByRole('row').filter({ hasText: 'Park Joon' });
    const title = await cellOf(page, row, 'Title', 'Contact list');
    await title.dblclick();
    await title.getByRole('textbox', { name: 'Title' }).fill('Head buyer');
    await title.getByRole('textbox', { name: 'Title' }).press('Enter');
    await expect.poll(() => title.innerText()).toBe('Head buyer');
    // The Primary contact flag is edited in place too: a checkbox saves on change.
    const primary = await cellOf(page, row, 'Primary contact', 'Contact list');
    expect(await primary.innerText()).toBe('Yes');
    await s.shot('M5-inline-edit');
  });

  it('M5: group by Customer with server counts', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Customer' });
    await page.getByRole('button', { name: 'ACME Trading (2)' }).click();
    await grid(page, 'Contact list').getByRole('link', { name: 'Lee Jiwon' }).waitFor();
    await page.getByRole('button', { name: 'Blue Harbor Foods (2)' }).waitFor();
    await s.shot('M5-group-by-customer');
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: '(none)' });
  });

  it('M5: export the list as CSV and vCard, and a selection as vCard', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8')).toContain('Choi Yuna');
    await page.getByRole('button', { name: 'Export' }).click();
    const [vcf] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'vCard (.vcf)' }).click()]);
    const all = Buffer.concat(await (await vcf.createReadStream()).toArray()).toString('utf8');
    expect(all.match(/BEGIN:VCARD/g)).toHaveLength(4);

    const list = grid(page, 'Contact list');
    await list.getByRole('checkbox', { name: 'Select Kim Minsu' }).click();
    await list.getByRole('checkbox', { name: 'Select Park Joon' }).click();
    const bar = page.getByRole('region', { name: 'Selected rows' });
    await bar.getByRole('button', { name: 'Export selected' }).click();
    await s.shot('M5-export-selection');
    const [sel] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'vCard (.vcf)' }).click()]);
    const picked = Buffer.concat(await (await sel.createReadStream()).toArray()).toString('utf8');
    expect(picked.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(picked).toContain('Kim Minsu');
    expect(picked).not.toContain('Choi Yuna');
    await bar.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('M5: import a .vcf with a Korean name: dry run report, create missing customers, import', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Import vCard' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import vCard' });
    await dialog.getByLabel('vCard file (.vcf)').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(VCF, 'utf8') });
    const report = dialog.getByRole('table', { name: 'Import preview' });
    await report.getByRole('row').filter({ hasText: '김민준' }).getByText('Skipped', { exact: false }).waitFor();
    await report.getByRole('row').filter({ hasText: '이서연' }).getByText('Will be created').waitFor();
    await dialog.getByRole('checkbox', { name: 'Create missing customers' }).check();
    await report.getByRole('row').filter({ hasText: '김민준' }).getByText('Will be created').waitFor();
    await s.shot('M5-import-preview');
    const before = await s.server.app.inject({ method: 'GET', url: '/api/v1/contacts?limit=50', headers: host });
    expect((before.json() as { total: number }).total).toBe(4);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('6 contacts', { exact: true }).waitFor();
    await grid(page, 'Contact list').getByRole('link', { name: '김민준' }).click();
    const view = page.getByRole('dialog', { name: 'View contact' });
    await view.getByRole('link', { name: '한빛상사' }).waitFor();
    await view.getByText('영업 팀장').waitFor();
    await s.shot('M5-imported-contact');
    await view.getByRole('button', { name: 'Close' }).click();
  });

  it('M5 in 한국어: 연락처 목록 and 연락처 보기; Trash lists each record type', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '한국어' });
    await page.getByRole('tab', { name: '연락처 목록' }).waitFor();
    await grid(page, '연락처 목록').getByRole('link', { name: 'Kim Minsu' }).click();
    const view = page.getByRole('dialog', { name: '연락처 보기' });
    await view.getByText('기본 연락처').waitFor();
    await s.shot('M5-ko-view-contact');
    await view.getByRole('button', { name: '닫기' }).click();
    await page.getByRole('combobox', { name: '언어 / Language' }).selectOption({ label: 'English' });
    await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('combobox', { name: 'Record type' }).selectOption({ label: 'Contacts' });
    await page.getByRole('heading', { name: 'Trash: Contacts' }).waitFor();
    await s.shot('M5-trash-contacts');
    expect(s.problems).toEqual([]);
  });
});
