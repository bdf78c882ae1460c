import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStory, type Story } from './support/story.js';
import { clickNow, grid } from './support/ui.js';

/**
 * Issue 16: a Korean company's customer list arrives as a CSV. The wizard reads it (the preview shows the Korean
 * names right), maps its columns by their Korean names, a dry run finds the one bad email, the error rows download,
 * the good rows import, the fixed row imports after them, and Revert takes an import back. Then the history.
 */
const HEADER = '고객명,이메일,도시,전화,메모';
const FILE = [
  HEADER,
  '한빛상사,info@hanbit.example,서울,02-555-0101,',
  '가람무역,not-an-email,부산,051-555-0102,주소 확인',
  '누리식품,sales@nuri.example,대구,053-555-0103,',
].join('\r\n');

/** Rows enough for the progress bar to be seen moving. */
const BIG = 20_000;

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** The counts of a report, by their names ("Errors: 1"). */
const count = (scope: Locator, name: string, n: number) => scope.getByRole('listitem', { name: `${name}: ${n.toLocaleString('en-US')}`, exact: true });

async function next(page: Page, word = 'Next'): Promise<void> {
  await clickNow(page.getByRole('button', { name: word, exact: true }));
}

describe('Import (issue 16): dry run, error rows, import, fix, revert', () => {
  let s: Story;
  let errorRows = '';
  beforeAll(async () => {
    s = await openStory('import');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the list\'s Import opens the wizard; the file is read and its Korean names show right', async () => {
    const { page } = s;
    await page.goto('/customers');
    await clickNow(page.getByRole('link', { name: 'Import', exact: true }));
    await page.getByRole('heading', { name: 'Import Customers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers/import');
    await s.shot('en-1-file');
    await page.getByLabel('File to import', { exact: true }).setInputFiles(csv('customers.csv', FILE));
    const preview = page.getByRole('table', { name: 'Preview of the file' });
    await preview.getByRole('cell', { name: '가람무역', exact: true }).waitFor();
    await preview.getByRole('columnheader', { name: '고객명', exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Encoding', exact: true }).inputValue()).toBe('UTF-8 (detected)');
    expect(await page.getByRole('combobox', { name: 'Delimiter', exact: true }).inputValue()).toBe('Comma (,)');
    await s.shot('en-2-read');
  });

  it('the columns are mapped to fields by their Korean names; a mapping saves as a template', async () => {
    const { page } = s;
    await next(page);
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    const fieldOf = (column: string) => mapping.getByRole('combobox', { name: `Field for column ${column}`, exact: true });
    expect(await fieldOf('고객명').inputValue()).toBe('Name (required)');
    expect(await fieldOf('이메일').inputValue()).toBe('Email');
    expect(await fieldOf('도시').inputValue()).toBe('City');
    expect(await fieldOf('전화').inputValue()).toBe('Phone');
    await s.shot('en-3-map');
    await clickNow(page.getByRole('button', { name: 'Save as template' }));
    const dialog = page.getByRole('dialog', { name: 'Save as template' });
    await dialog.getByRole('textbox', { name: 'Template name' }).fill('Korean customer list');
    await clickNow(dialog.getByRole('button', { name: 'Save', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('combobox', { name: 'Template', exact: true }).inputValue()).toBe('Korean customer list');
  });

  it('the options: create new records, dates as the UI language writes them', async () => {
    const { page } = s;
    await next(page);
    await page.getByRole('radio', { name: 'Create new records' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Create new records' }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Dates in the file are written', exact: true }).inputValue()).toBe('Month/day/year (3/4/2026)');
    await s.shot('en-4-options');
  });

  it('the dry run saves nothing and finds the bad email; the rows with errors download as a CSV', async () => {
    const { page } = s;
    await next(page);
    await clickNow(page.getByRole('button', { name: 'Check without saving' }));
    const report = page.getByRole('region', { name: 'Dry run report' });
    await report.waitFor({ timeout: 20_000 });
    await count(report, 'To create', 2).waitFor();
    await count(report, 'Errors', 1).waitFor();
    const rows = report.getByRole('table', { name: 'Rows of the import' });
    const bad = rows.getByRole('row').filter({ hasText: '가람무역' });
    await bad.getByText(/^Email: /).waitFor();
    await s.shot('en-5-dry-run');

    await clickNow(report.getByRole('button', { name: 'Download rows with errors' }));
    const download = page.waitForEvent('download');
    await clickNow(page.getByRole('menuitem', { name: 'CSV', exact: true }));
    const file = await download;
    errorRows = fs.readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = errorRows.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(HEADER);
    expect(lines[0]).toContain('Error');
    expect(lines[1]).toContain('가람무역');
    expect(lines[1]).toContain('not-an-email');

    // Nothing was saved.
    await page.goto('/customers');
    await grid(page).getByText('No customers yet').waitFor();
    await page.goBack();
  });

  it('the import runs as a job to its end: 2 created, the bad row reported; the list shows them', async () => {
    const { page } = s;
    // Going back to the list left the wizard: it starts again from the file.
    await page.getByLabel('File to import', { exact: true }).setInputFiles(csv('customers.csv', FILE));
    await page.getByRole('table', { name: 'Preview of the file' }).waitFor();
    for (let i = 0; i < 4; i++) await next(page);
    await clickNow(page.getByRole('button', { name: 'Start import' }));
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor({ timeout: 30_000 });
    await page.getByText('customers.csv is imported').waitFor();
    await count(report, 'Created', 2).waitFor();
    await count(report, 'Errors', 1).waitFor();
    await s.shot('en-6-imported');
    await clickNow(page.getByRole('link', { name: 'Open the list' }));
    await grid(page).getByRole('link', { name: '한빛상사', exact: true }).waitFor();
    await grid(page).getByRole('link', { name: '누리식품', exact: true }).waitFor();
    expect(await grid(page).getByRole('link', { name: '가람무역', exact: true }).count()).toBe(0);
  });

  it('the fixed error rows import too (the Error column is left out), with the saved template', async () => {
    const { page } = s;
    const fixed = errorRows.replace('not-an-email', 'trade@garam.example');
    await clickNow(page.getByRole('link', { name: 'Import', exact: true }));
    await page.getByLabel('File to import', { exact: true }).setInputFiles(csv('customers-fixed.csv', fixed));
    await page.getByRole('table', { name: 'Preview of the file' }).getByRole('cell', { name: 'trade@garam.example', exact: true }).waitFor();
    await next(page);
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    expect(await mapping.getByRole('combobox', { name: 'Field for column Error', exact: true }).inputValue()).toBe('Do not import');
    // The saved template gives the same mapping.
    await page.getByRole('combobox', { name: 'Template', exact: true }).click();
    await clickNow(page.getByRole('option', { name: 'Korean customer list', exact: true }));
    expect(await mapping.getByRole('combobox', { name: 'Field for column 이메일', exact: true }).inputValue()).toBe('Email');
    for (let i = 0; i < 3; i++) await next(page);
    await clickNow(page.getByRole('button', { name: 'Start import' }));
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor({ timeout: 30_000 });
    await count(report, 'Created', 1).waitFor();
    await count(report, 'Errors', 0).waitFor();
    await clickNow(page.getByRole('link', { name: 'Open the list' }));
    await grid(page).getByRole('link', { name: '가람무역', exact: true }).waitFor();
  });

  it('the import history lists every job; Revert takes the first import back', async () => {
    const { page } = s;
    await clickNow(page.getByRole('link', { name: 'Import history' }));
    const history = page.getByRole('table', { name: 'Import history' });
    await history.waitFor();
    // Newest first: the fixed file, the import, the dry run.
    const rows = history.getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    await rows.nth(1).getByRole('link', { name: /customers-fixed\.csv/ }).waitFor();
    await rows.nth(3).getByText('Dry run', { exact: true }).waitFor();
    await s.shot('en-7-history');

    const first = rows.nth(2);
    await first.getByText('Done', { exact: true }).waitFor();
    await clickNow(first.getByRole('button', { name: 'Revert import' }));
    const dialog = page.getByRole('dialog', { name: 'Revert the import of customers.csv?' });
    await dialog.getByText('The 2 records it created are deleted').waitFor();
    await s.shot('en-8-revert');
    await clickNow(dialog.getByRole('button', { name: 'Revert', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    await first.getByText('Reverted', { exact: true }).waitFor();

    await page.goto('/customers');
    await grid(page).getByRole('link', { name: '가람무역', exact: true }).waitFor();
    expect(await grid(page).getByRole('link', { name: '한빛상사', exact: true }).count()).toBe(0);
    expect(await grid(page).getByRole('link', { name: '누리식품', exact: true }).count()).toBe(0);

    // The job's report page says it was reverted.
    await page.goto('/imports');
    await clickNow(page.getByRole('table', { name: 'Import history' }).getByRole('row').nth(2).getByRole('link', { name: /customers\.csv/ }));
    await page.getByRole('heading', { name: 'Import of customers.csv' }).waitFor();
    await page.getByRole('region', { name: 'Import report' }).getByText('The import is reverted.').waitFor();
    await s.shot('en-9-job-report');
  });

  it('a big file shows its progress bar, then its end; reverting it keeps the record edited since', async () => {
    const { page } = s;
    const rows = Array.from({ length: BIG }, (_, i) => `대량 고객 ${String(i + 1).padStart(5, '0')},bulk${i + 1}@daeryang.example,인천,032-555-${String(i % 10000).padStart(4, '0')},`);
    await page.goto('/customers/import');
    await page.getByLabel('File to import', { exact: true }).setInputFiles(csv('bulk.csv', [HEADER, ...rows].join('\r\n')));
    await page.getByRole('table', { name: 'Preview of the file' }).getByRole('cell', { name: '대량 고객 00001', exact: true }).waitFor();
    for (let i = 0; i < 4; i++) await next(page);
    // The story's server runs in this test's own process: while a chunk is written, Playwright waits with the
    // server, so the page itself notes every progress it showed (the progress bar by its role and name).
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { importProgressSeen: seen });
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Import progress"]');
        const text = bar?.closest('[role="status"]')?.textContent ?? '';
        if (bar && text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    // The server runs in this process and a chunk holds it a moment: the click's answer may wait for one.
    await page.getByRole('button', { name: 'Start import' }).click({ timeout: 60_000 });
    // A picture of the bar on its way, when this machine is slow enough to catch it (the check below does not depend on it).
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await page.getByText(/ rows\/s/).waitFor({ timeout: 5000 }).then(() => s.shot('en-6a-progress'), () => undefined);
    await bar.waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByText('bulk.csv is imported').waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { importProgressSeen: string[] }).importProgressSeen);
    // Between chunks the server answers the polls: the bar showed the rows going in (rows, rows/s, time left).
    expect(seen.some((text) => /^Importing bulk\.csv…\d+%[\d,]+ rows · [\d,]+ rows\/s/.test(text)), seen.join(' | ')).toBe(true);
    const report = page.getByRole('region', { name: 'Import report' });
    await count(report, 'Created', BIG).waitFor();

    // Someone edits one of the imported customers before the import is reverted: that one is kept.
    const host = { host: '127.0.0.1' };
    const found = (await s.server.app.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('대량 고객 00007')}`, headers: host })).json() as { items: { id: number; name: string; version: number }[] };
    const edited = found.items.find((c) => c.name === '대량 고객 00007');
    expect(edited).toBeDefined();
    const patch = await s.server.app.inject({ method: 'PATCH', url: `/api/v1/customers/${edited?.id}`, headers: host, payload: { city: '수원', version: edited?.version } });
    expect(patch.statusCode).toBe(200);

    await clickNow(page.getByRole('button', { name: 'Revert import' }));
    const dialog = page.getByRole('dialog', { name: 'Revert the import of bulk.csv?' });
    await clickNow(dialog.getByRole('button', { name: 'Revert', exact: true }));
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await report.getByText(/1 record was kept because it was edited after the import/).waitFor();
    await s.shot('en-6b-reverted');
    const left = (await s.server.app.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('대량 고객')}&limit=5`, headers: host })).json() as { items: { name: string }[] };
    expect(left.items.map((c) => c.name)).toEqual(['대량 고객 00007']);
  });

  for (const [lang, words] of [
    ['ko', { file: '가져올 파일', next: '다음', dry: '시험 실행(저장하지 않고 확인)', mapping: '열 매핑', report: '시험 실행 보고서', name: '고객명 (필수)', field: '고객명 열의 필드' }],
    ['zh-CN', { file: '要导入的文件', next: '下一步', dry: '试运行（检查但不保存）', mapping: '字段映射', report: '试运行报告', name: '客户名称（必填）', field: '列 고객명 的字段' }],
  ] as const) {
    it(`${lang}: the mapping and the dry run's report in the user's language`, async () => {
      const { page } = s;
      await page.evaluate((l) => localStorage.setItem('rapport.language', l), lang);
      await page.goto('/customers/import');
      await page.getByLabel(words.file, { exact: true }).setInputFiles(csv('고객.csv', FILE));
      await page.getByRole('table').getByRole('cell', { name: '한빛상사', exact: true }).waitFor();
      await next(page, words.next);
      const mapping = page.getByRole('table', { name: words.mapping });
      expect(await mapping.getByRole('combobox', { name: words.field, exact: true }).inputValue()).toBe(words.name);
      await s.shot(`${lang}-map`);
      await next(page, words.next);
      await next(page, words.next);
      await clickNow(page.getByRole('button', { name: words.dry, exact: true }));
      const report = page.getByRole('region', { name: words.report });
      await report.waitFor({ timeout: 20_000 });
      await report.getByRole('table').getByRole('row').filter({ hasText: '가람무역' }).waitFor();
      await s.shot(`${lang}-report`);
    });
  }

  it('no console errors or failed requests', async () => {
    await s.page.evaluate(() => localStorage.setItem('rapport.language', 'en'));
    expect(s.problems).toEqual([]);
  });
});
