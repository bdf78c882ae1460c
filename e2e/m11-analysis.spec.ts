import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, dictionaryValues } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { clickNow, field } from './support/ui.js';

const host = { host: '127.0.0.1' };

/**
 * Lab manual M11: Sales analysis. Each analysis opens with its options dialog (M11.a); OK shows a
 * chart and its tables; a bar, a stage or a number opens the list of exactly its records; the chart
 * and the data are exported and read back; the same in 한국어 and 中文 (issue 12).
 */
describe('M11 sales analysis', () => {
  let s: Story;
  const ids: Record<string, number> = {};

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> => {
    const res = await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const nav = () => s.page.getByRole('navigation').first();
  /** The list a drill-down opened: its total, read from the heading's count line. */
  const listTotal = async (grid: string) => {
    const { page } = s;
    await page.getByRole('table', { name: grid }).waitFor();
    const line = page.getByText(/^\d+ (sales?|opportunit(y|ies))$/);
    await line.waitFor();
    return Number((await line.innerText()).split(' ')[0]);
  };
  const rowOf = (table: Locator, name: string) => table.getByRole('row').filter({ has: s.page.getByRole('rowheader', { name, exact: true }) });

  beforeAll(async () => {
    s = await openStory('m11');
    await api('PATCH', '/api/v1/settings', { installationTimeZone: 'Asia/Seoul', currency: 'KRW', setupDone: true, userName: 'Kim Minsu' });
    const app = s.server.app;
    const dict = async (key: string) => new Map((await dictionaryValues(app, key)).map((v) => [v.code, v.id]));
    const cats = await dict('product-category');
    const stages = await dict('opportunity-stage');
    const types = await dict('customer-type');
    const typeIds = [...types.values()];
    const customers = [
      await createCustomer(app, { name: '삼성전자', typeId: typeIds[0] }),
      await createCustomer(app, { name: 'Blue Harbor Foods', typeId: typeIds[1] }),
      await createCustomer(app, { name: '上海中兴贸易', typeId: typeIds[0] }),
    ];
    const [hardware, software] = [cats.get('hardware'), cats.get('software')];
    const printer = await api<{ id: number }>('POST', '/api/v1/products', { name: 'Laser printer LP-400', categoryId: hardware, listPrice: 390_000 });
    const license = await api<{ id: number }>('POST', '/api/v1/products', { name: 'CRM license', categoryId: software, listPrice: 120_000 });
    ids.printer = printer.id;
    // 2026: sales in three months; one cancelled.
    const sales: [number, string, number, number, string?][] = [
      [0, '2026-09-05', printer.id, 2], [1, '2026-09-20', license.id, 5], [0, '2026-10-11', printer.id, 1],
      [2, '2026-10-25', license.id, 3], [1, '2026-11-02', printer.id, 4], [2, '2026-11-15', license.id, 1], [0, '2026-11-28', printer.id, 1, 'cancelled'],
    ];
    const statuses = await dict('sale-status');
    for (const [c, date, product, quantity, status] of sales) {
      await api('POST', '/api/v1/sales', { customerId: customers[c].id, orderDate: date, lines: [{ productId: product, quantity }], ...(status ? { statusId: statuses.get(status) } : {}) });
    }
    // Opportunities through the stages: two won, one lost, two open.
    const paths = [
      ['initial-contact', 'needs-analysis', 'proposal', 'negotiation', 'won'],
      ['initial-contact', 'needs-analysis', 'proposal', 'won'],
      ['initial-contact', 'proposal', 'lost'],
      ['initial-contact', 'needs-analysis'],
      ['initial-contact'],
    ];
    for (const [i, path] of paths.entries()) {
      let o = await api<{ id: number; version: number }>('POST', '/api/v1/opportunities', { name: `Deal ${i + 1}`, customerId: customers[i % 3].id, amount: (i + 1) * 1_000_000, expectedCloseDate: '2027-01-15' });
      for (const stage of path.slice(1)) {
        o = await api('PATCH', `/api/v1/opportunities/${o.id}`, { version: o.version, stageId: stages.get(stage), ...(stage === 'lost' ? { lostReason: 'Price' } : {}) });
      }
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M11.a: Sales trend analysis opens with its options dialog; OK shows the chart and the table', async () => {
    const { page } = s;
    await page.goto('/customers');
    await clickNow(nav().getByRole('link', { name: 'Sales trend analysis', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'Sales trend analysis: options' });
    await dialog.waitFor();
    await field(dialog, 'Period').click();
    await page.getByRole('option', { name: 'Custom range', exact: true }).click();
    await field(dialog, 'From').fill('2026-09-01');
    await field(dialog, 'To').fill('2026-11-30');
    await s.shot('M11.a-options');
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('img', { name: /Chart of the Sales trend analysis/ }).waitFor();
    const table = page.getByRole('table', { name: 'Sales trend analysis' });
    // Sep: 2 × 390,000 + 5 × 120,000; Oct: 390,000 + 360,000; Nov: 4 × 390,000 + 120,000 (the cancelled sale left out).
    expect(await rowOf(table, 'Sep 2026').getByRole('cell').allInnerTexts()).toEqual(['₩1,380,000', '2']);
    expect(await rowOf(table, 'Nov 2026').getByRole('cell').allInnerTexts()).toEqual(['₩1,680,000', '2']);
    await s.shot('M11.a-trend');
    // The URL holds the options: a reload shows the same result without asking again.
    expect(page.url()).toContain('from=2026-09-01');
    await page.reload();
    await page.getByRole('table', { name: 'Sales trend analysis' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('M11.a: a number in the table opens the list of exactly its sales, with its filters shown', async () => {
    const { page } = s;
    const table = page.getByRole('table', { name: 'Sales trend analysis' });
    await clickNow(table.getByRole('link', { name: '2: open the records of Nov 2026, Sales', exact: true }));
    await page.waitForURL(/\/sales\?/);
    expect(await listTotal('Sales')).toBe(2);
    const chips = page.getByRole('group', { name: 'Filtered by' });
    await chips.getByText(/Order date: Nov 1, 2026 – Nov 30, 2026/).waitFor();
    await s.shot('M11.a-drill-list');
    await page.goBack();
    await page.getByRole('table', { name: 'Sales trend analysis' }).waitFor();
  });

  it('M11.a: Options reopens the dialog with the options shown; a year in one bar, clicked, opens that year\'s sales', async () => {
    const { page } = s;
    await clickNow(page.getByRole('button', { name: 'Options' }));
    const dialog = page.getByRole('dialog', { name: 'Sales trend analysis: options' });
    expect(await field(dialog, 'From').inputValue()).toBe('2026-09-01');
    await field(dialog, 'From').fill('2026-01-01');
    await field(dialog, 'To').fill('2026-12-31');
    // SegmentedControl keeps its radios out of view under their labels: the click goes to the radio itself.
    await dialog.getByRole('radio', { name: 'Year' }).dispatchEvent('click');
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: 'Sales trend analysis' });
    await rowOf(table, '2026').waitFor();
    expect(await rowOf(table, '2026').getByRole('cell').allInnerTexts()).toEqual(['₩3,810,000', '6']);
    // One bar fills the middle of the chart: a click on it opens its six sales.
    const chart = page.getByRole('img', { name: /Chart of the Sales trend analysis/ });
    const box = await chart.boundingBox();
    if (!box) throw new Error('no chart');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.75);
    await page.waitForURL(/\/sales\?/);
    expect(await listTotal('Sales')).toBe(6);
    await page.goBack();
    await table.waitFor();
  });

  it('M11.a: the chart as PNG and the data as CSV and Excel, read back', async () => {
    const { page } = s;
    const download = async (item: string) => {
      await clickNow(page.getByRole('button', { name: 'Export' }));
      const file = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: item }).click();
      const d = await file;
      return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
    };
    const png = await download('Chart (PNG)');
    expect(png.name).toBe('trend-2026-01-01-2026-12-31.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(5_000);
    const csv = await download('Data (CSV)');
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
    expect(rows.find((r) => r[0] === '2026')?.slice(1, 3)).toEqual(['3810000', '6']);
    const xlsx = await download('Data (Excel .xlsx)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getRow(2).values as unknown[];
    expect(values.slice(1, 4)).toEqual(['2026', 3_810_000, 6]);
  });

  it('M11.b: Sales funnel model analysis: strict stages from the history, and a stage opens its opportunities', async () => {
    const { page } = s;
    await clickNow(nav().getByRole('link', { name: 'Sales funnel model analysis', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'Sales funnel model analysis: options' });
    await dialog.waitFor();
    await dialog.getByText('An opportunity counts at a stage only after it first entered every earlier stage, in order.').waitFor();
    await field(dialog, 'Period').click();
    await page.getByRole('option', { name: 'This year', exact: true }).click();
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    const table = page.getByRole('table', { name: 'Stages' });
    await table.waitFor();
    // Strict: 5 → 3 at needs analysis → 2 at proposal (the lost deal skipped needs analysis) → won only after negotiation: 1.
    const entered = async (stage: string) => (await rowOf(table, stage).getByRole('cell').first().innerText());
    expect(await entered('Initial contact')).toBe('5');
    expect(await entered('Needs analysis')).toBe('3');
    expect(await entered('Proposal')).toBe('2');
    expect(await entered('Won')).toBe('1');
    await page.getByRole('group', { name: 'Win rate' }).getByText('66.7%').waitFor();
    await s.shot('M11.b-funnel');
    await clickNow(rowOf(table, 'Proposal').getByRole('link', { name: /^2: open the records of Proposal/ }));
    await page.waitForURL(/\/opportunities\?/);
    expect(await listTotal('Opportunity management')).toBe(2);
    await page.getByRole('group', { name: 'Filtered by' }).getByText(/Stage passed in order Initial contact → Needs analysis → Proposal/).waitFor();
    await page.goBack();
    await table.waitFor();
    // The widest stage at the top of the funnel: a click opens all five.
    const chart = page.getByRole('img', { name: /Chart of the Sales funnel model analysis/ });
    const box = await chart.boundingBox();
    if (!box) throw new Error('no chart');
    await page.mouse.click(box.x + box.width / 2, box.y + 30);
    await page.waitForURL(/\/opportunities\?/);
    expect(await listTotal('Opportunity management')).toBe(5);
    await page.goBack();
  });

  it('M11.b: Sales composition analysis by product category: the donut, shares and the Pareto/ABC table', async () => {
    const { page } = s;
    await clickNow(nav().getByRole('link', { name: 'Sales composition analysis', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'Sales composition analysis: options' });
    await dialog.waitFor();
    await field(dialog, 'Period').click();
    await page.getByRole('option', { name: 'This year', exact: true }).click();
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    const pareto = page.getByRole('table', { name: 'Pareto / ABC' });
    await pareto.waitFor();
    // Printers 2 + 1 + 4 = 7 × 390,000 = 2,730,000 (A); licenses 9 × 120,000 = 1,080,000.
    const shares = page.getByRole('table', { name: 'Shares' });
    const first = await shares.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    expect(first.slice(0, 3)).toEqual(['₩2,730,000', '71.7%', '3']);
    await s.shot('M11.b-composition');
    await clickNow(shares.getByRole('row').nth(1).getByRole('link').last());
    await page.waitForURL(/\/sales\?/);
    expect(await listTotal('Sales')).toBe(3);
    await page.goBack();
  });

  it('M11 in 한국어 and 中文: 판매 추세 분석, 판매 유입경로 모델 분석, 판매 구성 분석', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await nav().getByRole('link', { name: '판매 구성 분석', exact: true }).waitFor();
    await page.getByRole('heading', { name: '판매 구성 분석' }).waitFor();
    await page.getByRole('table', { name: '파레토 / ABC' }).waitFor();
    await s.shot('M11-ko-composition');
    // From the folder, an analysis asks for its options first: the last ones run are filled in.
    await clickNow(nav().getByRole('link', { name: '판매 유입경로 모델 분석', exact: true }));
    await page.getByRole('dialog', { name: '판매 유입경로 모델 분석: 옵션' }).getByRole('button', { name: '확인' }).click();
    await page.getByRole('table', { name: '단계별' }).waitFor();
    await s.shot('M11-ko-funnel');
    await clickNow(nav().getByRole('link', { name: '판매 추세 분석', exact: true }));
    await page.getByRole('dialog', { name: '판매 추세 분석: 옵션' }).getByRole('button', { name: '확인' }).click();
    await page.getByRole('table', { name: '판매 추세 분석' }).waitFor();
    await s.shot('M11-ko-trend');
    await clickNow(page.getByRole('button', { name: '옵션' }));
    await page.getByRole('dialog', { name: '판매 추세 분석: 옵션' }).waitFor();
    await s.shot('M11-ko-options');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '销售趋势分析', level: 2 }).waitFor();
    await s.shot('M11-zh-trend');
    await clickNow(nav().getByRole('link', { name: '销售漏斗模型分析', exact: true }));
    await page.getByRole('dialog', { name: '销售漏斗模型分析：选项' }).getByRole('button', { name: '确定' }).click();
    await page.getByRole('table', { name: '各阶段' }).waitFor();
    await s.shot('M11-zh-funnel');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    expect(s.problems).toEqual([]);
  });
});
