import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field } from './support/ui.js';

const host = { host: '127.0.0.1' };
const LIST = 'Opportunity management';

interface Opp { id: number; name: string; stageId: number; status: string; probability: number; amount: number; weightedAmount: number; saleId: number | null; version: number; lines: { amount: number; quantity: number }[] }
interface Value { id: number; code: string }

/** Lab manual M8.a–M8.d: Sales opportunities — New opportunity, Opportunity details with opportunity products (Add, edit, remove, save), Export, the pipeline board, Convert to sale. */
describe('M8 sales opportunities', () => {
  let s: Story;
  let acme: { id: number };
  let stages: Value[];

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> =>
    (await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) })).json() as T;
  const opportunities = async () => (await api<{ items: Opp[] }>('GET', '/api/v1/opportunities?limit=100')).items;
  const byName = async (name: string) => {
    const o = (await opportunities()).find((x) => x.name === name);
    if (!o) throw new Error(`no opportunity ${name}`);
    return api<Opp>('GET', `/api/v1/opportunities/${o.id}`);
  };
  const stage = (code: string) => stages.find((v) => v.code === code)?.id;
  const board = () => s.page.getByRole('region', { name: 'Pipeline' });
  const column = (name: string) => board().getByRole('region', { name, exact: true });
  const card = (name: string) => board().getByLabel(new RegExp(`^${name}, `));

  /** A drag as a person makes it: press, move past the drag threshold, move over the target, release. */
  const drag = async (from: Locator, to: Locator) => {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('nothing to drag');
    await s.page.mouse.move(a.x + a.width / 2, a.y + 12);
    await s.page.mouse.down();
    await s.page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 5 });
    await s.page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 20 });
    await s.page.waitForTimeout(150);
    await s.page.mouse.up();
  };

  beforeAll(async () => {
    s = await openStory('m8-opportunities');
    await api('PATCH', '/api/v1/settings', { currency: 'USD' });
    acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    await createContact(s.server.app, { name: 'Kim Minsu', customerId: acme.id });
    await createCustomer(s.server.app, { name: '삼성전자' });
    await api('POST', '/api/v1/products', { name: '27" 4K monitor', model: 'UHD-27', listPrice: 45_000, costPrice: 32_000 });
    await api('POST', '/api/v1/products', { name: 'Office suite licence', listPrice: 12_000 });
    stages = (await api<{ items: Value[] }>('GET', '/api/v1/dictionaries/opportunity-stage/values')).items;
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The searchable record picker: type to search on the server, then choose. */
  const pick = async (scope: Locator, label: string, search: string, option: string) => {
    const input = field(scope, label);
    await input.click();
    await input.fill(search);
    await s.page.getByRole('option', { name: option, exact: true }).click();
  };

  it('M8.a: Sales opportunities opens Opportunity management, empty until one is created', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Sales opportunities' }).click();
    await page.getByRole('tab', { name: LIST }).waitFor();
    await page.getByText('No opportunities yet.', { exact: false }).waitFor();
    await s.shot('M8.a-empty');
  });

  it('M8.b: New opens New opportunity; it starts at the first stage; Save record adds it to the list', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New opportunity' });
    await field(dialog, 'Opportunity name').fill('Office refresh 2027');
    await pick(dialog, 'Customer', 'ACME', 'ACME Trading');
    await pick(dialog, 'Contact', 'Kim', 'Kim Minsu');
    await expect.poll(() => field(dialog, 'Stage').inputValue()).toBe('Initial contact');
    await field(dialog, 'Expected close date').fill('2027-01-31');
    await field(dialog, 'Next step').fill('Send the proposal');
    await s.shot('M8.b-new-opportunity');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: LIST }).getByRole('link', { name: 'Office refresh 2027' }).waitFor();
    const o = await byName('Office refresh 2027');
    expect(o).toMatchObject({ stageId: stage('initial-contact'), probability: 10, status: 'open' });
    await s.shot('M8.b-list');
  });

  it('M8.c: Opportunity details → Add opportunity products, edit them in place, remove one, Save: the server computes the amount', async () => {
    const { page } = s;
    await page.getByRole('table', { name: LIST }).getByRole('link', { name: 'Office refresh 2027' }).click();
    await page.getByText('Opportunity details', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Office refresh 2027' }).waitFor();
    const lines = page.getByRole('table', { name: 'Opportunity products' });
    await lines.getByText('No lines yet.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await pick(lines, 'Product, line 1', 'monitor', '27" 4K monitor');
    // The product's description and list price fill in.
    await expect.poll(() => field(lines, 'Unit price, line 1').inputValue()).toBe('450.00');
    expect(await field(lines, 'Description, line 1').inputValue()).toBe('27" 4K monitor · UHD-27');
    await field(lines, 'Quantity, line 1').fill('10');
    await expect.poll(() => lines.getByLabel('Amount, line 1').innerText()).toBe('$4,500.00');

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await pick(lines, 'Product, line 2', 'licence', 'Office suite licence');
    await field(lines, 'Quantity, line 2').fill('10');
    await field(lines, 'Discount %, line 2').fill('10');
    await expect.poll(() => lines.getByLabel('Amount, line 2').innerText()).toBe('$1,080.00');
    await page.getByRole('group', { name: 'Totals' }).getByText('$5,580.00').waitFor();
    await s.shot('M8.c-lines');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved the lines', { exact: false }).waitFor();
    expect((await byName('Office refresh 2027')).amount).toBe(558_000);

    // Edit in place, add a line and remove it again, save.
    await field(lines, 'Quantity, line 1').fill('12');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await field(lines, 'Description, line 3').fill('On-site setup');
    await field(lines, 'Unit price, line 3').fill('250');
    await lines.getByRole('button', { name: 'Remove line 3' }).click();
    await page.getByRole('group', { name: 'Totals' }).getByText('$6,480.00').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await byName('Office refresh 2027')).amount).toBe(648_000);
    const saved = await byName('Office refresh 2027');
    expect(saved.lines.map((l) => [l.quantity, l.amount])).toEqual([[12, 540_000], [10, 108_000]]);
    expect(saved.weightedAmount).toBe(64_800);
    await page.getByText('$6,480.00', { exact: true }).first().waitFor();
    await s.shot('M8.c-saved');
  });

  it('M8.d: the list shows the opportunities; Export exports the list, and one opportunity with its lines', async () => {
    const { page } = s;
    const [xlsx] = await Promise.all([page.waitForEvent('download'), (async () => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click();
    })()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(await (await xlsx.createReadStream()).toArray()) as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().flat();
    expect(values).toContain('Office refresh 2027');
    expect(values).toContain(12);
    expect(values).toContain(6480);

    await page.getByRole('link', { name: 'Back to list' }).click();
    await page.getByRole('tab', { name: LIST }).waitFor();
    const grid = page.getByRole('table', { name: LIST });
    await grid.getByRole('cell', { name: '$6,480.00' }).first().waitFor();
    // The amount of an opportunity with products is their total: an inline edit says so instead of silently keeping it.
    const headers = await grid.getByRole('columnheader').allInnerTexts();
    const amountCell = grid.getByRole('row').filter({ hasText: 'Office refresh 2027' }).getByRole('cell').nth(headers.findIndex((h) => h.trim() === 'Amount'));
    await amountCell.dblclick();
    await field(amountCell, 'Amount').fill('1');
    await field(amountCell, 'Amount').press('Enter');
    await page.getByText('Amount stays $6,480.00: while there are lines, it is their total.').waitFor();
    expect((await byName('Office refresh 2027')).amount).toBe(648_000);
    await page.getByRole('button', { name: 'Export' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
    expect(text).toContain('Office refresh 2027');
    expect(text).toContain('Amount (USD)');
    expect(text).toContain('6480');
    await s.shot('M8.d-list');
  });

  it('pipeline: a column per stage with server totals; dragging a card changes its stage; a stale card goes back', async () => {
    const { page } = s;
    const samsung = (await api<{ items: { id: number; name: string }[] }>('GET', '/api/v1/customers?q=삼성')).items[0];
    await api('POST', '/api/v1/opportunities', { name: 'Second deal', customerId: samsung?.id, amount: 200_000 });
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await column('Initial contact').getByText('2', { exact: true }).waitFor();
    await column('Initial contact').getByLabel('Amount in Initial contact').getByText('$8,480.00').waitFor();
    await card('Office refresh 2027').waitFor();
    await s.shot('pipeline');

    await drag(card('Office refresh 2027'), column('Negotiation'));
    await column('Negotiation').getByLabel(/^Office refresh 2027, Negotiation$/).waitFor();
    await expect.poll(async () => (await byName('Office refresh 2027')).stageId).toBe(stage('negotiation'));
    expect(await byName('Office refresh 2027')).toMatchObject({ probability: 75, weightedAmount: 486_000, status: 'open' });
    await column('Negotiation').getByLabel('Weighted amount in Negotiation').getByText('weighted $4,860.00').waitFor();
    await s.shot('pipeline-dragged');

    // Someone else edits "Second deal" meanwhile: moving the card on the board is refused and it goes back.
    const second = await byName('Second deal');
    await api('PATCH', `/api/v1/opportunities/${second.id}`, { nextStep: 'Call back', version: second.version });
    await board().getByRole('button', { name: 'Move Second deal' }).click();
    await page.getByRole('menuitem', { name: 'Proposal' }).click();
    await page.getByText('Someone else changed “Second deal” first', { exact: false }).waitFor();
    await column('Initial contact').getByLabel(/^Second deal, Initial contact$/).waitFor();
    expect((await byName('Second deal')).stageId).toBe(stage('initial-contact'));

    // The menu moves a card too (keyboard and screen reader users).
    await board().getByRole('button', { name: 'Move Office refresh 2027' }).click();
    await page.getByRole('menuitem', { name: 'Won' }).click();
    await column('Won').getByLabel(/^Office refresh 2027, Won$/).waitFor();
    await expect.poll(async () => (await byName('Office refresh 2027')).status).toBe('won');
  });

  it('M8.d: Convert to sale on the won opportunity makes the sale with its lines, linked both ways; Stage history shows every change', async () => {
    const { page } = s;
    await card('Office refresh 2027').getByRole('link', { name: 'Office refresh 2027' }).click();
    await page.getByRole('heading', { name: 'Office refresh 2027' }).waitFor();
    await page.getByRole('button', { name: 'Convert to sale' }).click();
    await page.getByText('Sales details', { exact: true }).waitFor();
    const number = `SO-${new Date().getUTCFullYear()}-00001`;
    await page.getByRole('heading', { name: number }).waitFor();
    const saleLines = page.getByRole('table', { name: 'Sales lines' });
    await expect.poll(() => saleLines.getByLabel('Amount, line 1').innerText()).toBe('$5,400.00');
    expect(await saleLines.getByLabel('Amount, line 2').innerText()).toBe('$1,080.00');
    await s.shot('M8.d-converted');
    const o = await byName('Office refresh 2027');
    expect(o.saleId).not.toBeNull();

    await page.getByRole('link', { name: 'Office refresh 2027' }).click();
    await page.getByRole('button', { name: `Sale ${number}` }).or(page.getByRole('link', { name: `Sale ${number}` })).waitFor();
    await page.getByRole('tab', { name: 'Stage history' }).click();
    const history = page.getByRole('table', { name: 'Stage history' });
    await history.getByRole('row').nth(3).waitFor();
    const rows = await history.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').slice(1, 3).join(' → '))).toEqual(['(created) → Initial contact', 'Initial contact → Negotiation', 'Negotiation → Won']);
    await s.shot('M8-stage-history');
  });

  it('Customer information → Opportunities: open pipeline, won and lost totals, and the customer\'s opportunities', async () => {
    const { page } = s;
    await page.goto(`/customers/${acme.id}`);
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    await page.getByRole('group', { name: 'Won' }).getByText('$6,480.00').waitFor();
    await page.getByRole('table', { name: 'Opportunities of ACME Trading' }).getByRole('link', { name: 'Office refresh 2027' }).waitFor();
    await s.shot('M8-customer-opportunities');
  });

  it('M8 in 한국어: 판매 기회 관리, 파이프라인, 기회 세부정보', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('navigation').getByRole('link', { name: '판매 기회' }).click();
    // The board was the last view chosen: it opens again, beside the list's tab.
    await page.getByRole('tab', { name: '파이프라인', selected: true }).waitFor();
    await page.getByRole('region', { name: '파이프라인' }).getByRole('region', { name: '수주', exact: true }).waitFor();
    await s.shot('M8-ko-pipeline');
    await page.getByRole('tab', { name: '판매 기회 관리' }).click();
    await page.getByRole('table', { name: '판매 기회 관리' }).getByRole('link', { name: 'Office refresh 2027' }).click();
    await page.getByText('기회 세부정보', { exact: true }).waitFor();
    await page.getByRole('table', { name: '기회 제품' }).waitFor();
    await s.shot('M8-ko-details');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    await page.getByText('Opportunity details', { exact: true }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
