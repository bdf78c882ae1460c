import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_FILES, largePng, pdf, png } from '../test/support/files.js';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { clickNow } from './support/ui.js';

const CARD = png(360, [40, 110, 190]);
const CONTRACT = pdf('Service contract 2026');

/**
 * Files on a customer (contracts, business cards), as a user does it: the record page's Attachments
 * tab, upload through the file chooser with progress, a thumbnail and a preview, a download, a delete
 * after the question, a refused executable named inline; then the same in Korean.
 */
describe('attachments on a customer', () => {
  let s: Story;
  let customer: { id: number };

  beforeAll(async () => {
    s = await openStory('attachments');
    customer = await createCustomer(s.server.app, { name: 'Hanbit Trading' });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Chooses files in the file chooser the Upload button opens. */
  async function uploadThroughChooser(button: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: button, exact: true }).click();
    await (await chooser).setFiles(files);
  }

  const table = () => s.page.getByRole('table', { name: 'Attachments' });

  it('opens the customer from the list and its Attachments tab, empty at first', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('link', { name: 'Hanbit Trading', exact: true }).click();
    await page.getByRole('heading', { name: 'Hanbit Trading' }).waitFor();
    await page.getByRole('tab', { name: 'Attachments (0)' }).click();
    await page.getByText('No files are attached yet.').waitFor();
    await page.getByText(/^Up to 10 MB per file/).waitFor();
  });

  it('uploads a PNG and a PDF through the Upload button; both are listed with size, who and when', async () => {
    const { page } = s;
    await uploadThroughChooser('Upload files', [
      { name: 'business-card.png', mimeType: 'image/png', buffer: CARD },
      { name: 'contract.pdf', mimeType: 'application/pdf', buffer: CONTRACT },
    ]);
    await page.getByText('Uploaded 2 files').waitFor();
    await page.getByRole('tab', { name: 'Attachments (2)' }).waitFor();
    for (const name of ['business-card.png', 'contract.pdf']) await table().getByRole('cell', { name, exact: true }).waitFor();
    await table().getByRole('cell', { name: 'Local user' }).first().waitFor();
    expect(await table().getByRole('row').count()).toBe(3);
    // The image's thumbnail has loaded (a real picture, not a broken icon).
    const thumb = table().getByRole('button', { name: 'Preview business-card.png' }).locator('img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(360);
    await s.shot('en-list');
  });

  it('shows the progress of a slow upload, then lists the file', async () => {
    const { page } = s;
    // About 1 MB/s up: a 2.5 MB scan takes a couple of seconds, long enough to see the bar move.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    try {
      await uploadThroughChooser('Upload files', [{ name: 'scan.png', mimeType: 'image/png', buffer: largePng(Math.round(2.5 * 1024 * 1024)) }]);
      const bar = page.getByRole('progressbar');
      await bar.waitFor();
      await page.getByText(/^Uploading… \d+%$/).waitFor();
      await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
      await s.shot('en-progress');
      await page.getByRole('tab', { name: 'Attachments (3)' }).waitFor({ timeout: 20_000 });
      await bar.waitFor({ state: 'detached' });
      await table().getByRole('cell', { name: '2.5 MB' }).waitFor();
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
  });

  it('previews the image enlarged and the PDF in the browser\'s viewer', async () => {
    const { page } = s;
    await clickNow(table().getByRole('button', { name: 'Preview business-card.png' }));
    const imageDialog = page.getByRole('dialog', { name: 'business-card.png' });
    const big = imageDialog.getByRole('img', { name: 'business-card.png' });
    await expect.poll(() => big.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(360);
    await s.shot('en-preview-image');
    await imageDialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await imageDialog.waitFor({ state: 'hidden' });

    await clickNow(table().getByRole('button', { name: 'Preview contract.pdf' }));
    const pdfDialog = page.getByRole('dialog', { name: 'contract.pdf' });
    const frame = pdfDialog.locator('iframe[title="contract.pdf"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^\/api\/v1\/attachments\/\d+\?inline=1$/);
    await page.waitForTimeout(500);
    await s.shot('en-preview-pdf');
    await page.keyboard.press('Escape');
    await pdfDialog.waitFor({ state: 'hidden' });
  });

  it('downloads the contract: the same bytes under its own name', async () => {
    const { page } = s;
    const download = page.waitForEvent('download');
    await clickNow(table().getByRole('link', { name: 'Download contract.pdf' }));
    const file = await download;
    expect(file.suggestedFilename()).toBe('contract.pdf');
    const saved = await file.path();
    expect(fs.readFileSync(saved).equals(CONTRACT)).toBe(true);
  });

  it('an executable called photo.png is refused and named; nothing of that upload is stored', async () => {
    const { page } = s;
    await uploadThroughChooser('Upload files', [
      { name: 'photo.png', mimeType: 'image/png', buffer: HOSTILE_FILES.exe },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('call back on Monday\n') },
    ]);
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was uploaded' });
    await alert.getByText('photo.png is not a type of file that can be attached').waitFor();
    await page.getByRole('tab', { name: 'Attachments (3)' }).waitFor();
    expect(await table().getByRole('cell', { name: 'notes.txt' }).count()).toBe(0);
    await s.shot('en-refused');
    await alert.getByRole('button', { name: 'Close' }).click();
    await alert.waitFor({ state: 'hidden' });
  });

  it('deletes the business card after the question; the other files stay', async () => {
    const { page } = s;
    await clickNow(table().getByRole('button', { name: 'Delete business-card.png' }));
    const question = page.getByRole('dialog', { name: 'Delete “business-card.png”?' });
    await question.getByText('deleted for good').waitFor();
    await question.getByRole('button', { name: 'Delete', exact: true }).click();
    await question.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Attachments (2)' }).waitFor();
    await table().getByRole('cell', { name: 'business-card.png' }).waitFor({ state: 'detached' });
    await table().getByRole('cell', { name: 'contract.pdf', exact: true }).waitFor();
    const stored = await s.server.app.inject({ url: `/api/v1/customers/${customer.id}/attachments`, headers: { host: '127.0.0.1' } });
    expect((stored.json() as { items: { fileName: string }[] }).items.map((i) => i.fileName)).toEqual(['scan.png', 'contract.pdf']);
  });

  it('in Korean: 첨부 파일 tab, 파일 업로드 of a Korean-named file, a file dropped on the strip, 미리 보기 / 다운로드 / 삭제 by name, and the limit in Settings', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '한국어' });
    await page.getByRole('tab', { name: '첨부 파일 (2)' }).click();
    await uploadThroughChooser('파일 업로드', [{ name: '명함 스캔.png', mimeType: 'image/png', buffer: png(420, [200, 80, 60]) }]);
    await page.getByText('파일 1개를 업로드했습니다').waitFor();
    const koTable = page.getByRole('table', { name: '첨부 파일' });
    await koTable.getByRole('cell', { name: '명함 스캔.png', exact: true }).waitFor();
    for (const name of ['명함 스캔.png 미리 보기', 'contract.pdf 미리 보기', '명함 스캔.png 삭제']) await koTable.getByRole('button', { name }).waitFor();
    await koTable.getByRole('link', { name: '명함 스캔.png 다운로드' }).waitFor();
    await page.getByRole('tab', { name: '첨부 파일 (3)' }).waitFor();

    // Dropped on the strip rather than chosen: the same upload.
    const csv = '거래처,도시\n삼성전자,서울\n현대자동차,서울\n';
    const dropped = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '거래처 목록.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    const strip = page.getByText('또는 파일을 여기에 끌어다 놓으세요');
    await strip.dispatchEvent('dragover', { dataTransfer: dropped });
    await page.getByText('놓으면 업로드됩니다').waitFor();
    await page.getByText('놓으면 업로드됩니다').dispatchEvent('drop', { dataTransfer: dropped });
    await koTable.getByRole('cell', { name: '거래처 목록.csv', exact: true }).waitFor();
    await page.getByRole('tab', { name: '첨부 파일 (4)' }).waitFor();
    await s.shot('ko-list');

    await clickNow(koTable.getByRole('button', { name: '명함 스캔.png 미리 보기' }));
    const dialog = page.getByRole('dialog', { name: '명함 스캔.png' });
    await dialog.getByRole('link', { name: '다운로드' }).waitFor();
    await s.shot('ko-preview');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('navigation').getByRole('link', { name: '설정' }).click();
    const limit = page.getByRole('textbox', { name: '첨부 파일 최대 크기' });
    expect(await limit.inputValue()).toBe('10');
    await limit.scrollIntoViewIfNeeded();
    await s.shot('ko-settings');
    expect(s.problems).toEqual([]);
  });
});
