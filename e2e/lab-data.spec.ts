import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { clickNow, grid } from './support/ui.js';

const host = { host: '127.0.0.1' };
/** Screenshots to look at while building (git-ignored), beside the story's own in test-results/. */
const SCRATCH = path.resolve('scratch');

/** Issue 13, "starting over", as a Korean student: sample data, Reset lab by typing 초기화, and Restore. */
describe('lab data: sample data, reset and restore (issue 13)', () => {
  let s: Story;

  const total = async () => ((await s.server.app.inject({ url: '/api/v1/customers?total=exact&limit=1', headers: host })).json() as { total: number }).total;
  const section = (title: string): Locator => s.page.locator('.mantine-Paper-root').filter({ has: s.page.getByText(title, { exact: true }) });
  const scratchShot = async (name: string, target?: Locator) => {
    await s.page.waitForTimeout(300);
    const file = path.join(SCRATCH, `lab-data-${name}.png`);
    if (target) await target.screenshot({ path: file });
    else await s.page.screenshot({ path: file });
  };
  const openSettings = async (label: string) => {
    await clickNow(s.page.getByRole('navigation', { name: '폴더' }).or(s.page.getByRole('navigation', { name: 'Folders' })).or(s.page.getByRole('navigation', { name: '文件夹' })).getByRole('link', { name: label, exact: true }));
  };
  const customerList = async () => {
    await clickNow(s.page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '고객 관리', exact: true }));
    await s.page.getByRole('tab', { name: '고객 목록' }).click();
  };

  beforeAll(async () => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    s = await openStory('lab-data', { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    await createCustomer(s.server.app, { name: '연습 고객' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('설정 → 샘플 데이터 불러오기: a backup is kept and the practice company\'s customers appear', async () => {
    const { page } = s;
    await page.goto('/settings');
    const lab = section('처음부터 다시');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByText('아직 백업이 없습니다.').waitFor();
    await scratchShot('ko-section-empty', lab);
    await clickNow(lab.getByRole('button', { name: '샘플 데이터 불러오기' }));
    const dialog = page.getByRole('dialog', { name: '샘플 데이터 불러오기' });
    await dialog.waitFor();
    await scratchShot('ko-sample-dialog');
    await dialog.getByRole('button', { name: '샘플 데이터 불러오기' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await page.getByText(/샘플 데이터를 불러왔습니다\. 이전 데이터는 .*lab-.*-sample-data\.db에 보관되어 있습니다/).waitFor();
    expect(await total()).toBe(60);
    await lab.getByRole('cell', { name: '샘플 데이터 불러오기 전' }).waitFor();
    await customerList();
    await expect.poll(() => grid(page, '고객 목록').getByRole('link').count()).toBeGreaterThan(10);
    await s.shot('sample-customers');
  });

  it('실험 초기화: the button stays disabled until 초기화 is typed; then the list is empty', async () => {
    const { page } = s;
    await openSettings('설정');
    const lab = section('처음부터 다시');
    await clickNow(lab.getByRole('button', { name: '실험 초기화' }));
    const dialog = page.getByRole('dialog', { name: '실험 초기화' });
    const confirm = dialog.getByRole('button', { name: '실험 초기화' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: '확인하려면 초기화를 입력하세요' }).fill('리셋');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: '확인하려면 초기화를 입력하세요' }).fill('초기화');
    await scratchShot('ko-reset-dialog');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await page.getByText(/실험을 초기화했습니다/).waitFor();
    expect(await total()).toBe(0);
    await customerList();
    await page.getByText('아직 고객이 없습니다.', { exact: false }).waitFor();
    await s.shot('reset-empty');
  });

  it('백업 복원: restoring the backup kept before the reset brings the practice company back', async () => {
    const { page } = s;
    await openSettings('설정');
    const lab = section('처음부터 다시');
    const row = lab.getByRole('row').filter({ has: page.getByRole('cell', { name: '실험 초기화 전' }) });
    await scratchShot('ko-section-backups', lab);
    await clickNow(row.getByRole('button', { name: /백업 복원$/ }));
    const dialog = page.getByRole('dialog', { name: '백업 복원' });
    await scratchShot('ko-restore-dialog');
    await dialog.getByRole('button', { name: '복원' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    await page.getByText(/백업을 복원했습니다/).waitFor();
    expect(await total()).toBe(60);
    await expect.poll(() => lab.getByRole('cell', { name: '복원 전' }).count()).toBe(1);
    await customerList();
    await expect.poll(() => grid(page, '고객 목록').getByRole('link').count()).toBeGreaterThan(10);
    expect(s.problems).toEqual([]);
  });

  it('the section and its dialogs in English and Chinese (screenshots to look at)', async () => {
    const { page } = s;
    await openSettings('설정');
    for (const [language, title, reset, sample, restore] of [
      ['English', 'Starting over', 'Reset lab', 'Load sample data', 'Restore backup'],
      ['中文', '重新开始', '重置实验', '加载示例数据', '恢复备份'],
    ] as const) {
      await page.getByRole('radiogroup').getByText(language, { exact: true }).click();
      const lab = section(title);
      await lab.scrollIntoViewIfNeeded();
      await scratchShot(`${language === 'English' ? 'en' : 'zh'}-section`, lab);
      for (const [button, dialogName, shot] of [[reset, reset, 'reset'], [sample, sample, 'sample']] as const) {
        await clickNow(lab.getByRole('button', { name: button, exact: true }));
        const dialog = page.getByRole('dialog', { name: dialogName });
        await dialog.waitFor();
        await scratchShot(`${language === 'English' ? 'en' : 'zh'}-${shot}-dialog`);
        await dialog.getByRole('button', { name: language === 'English' ? 'Cancel' : '取消' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await clickNow(lab.getByRole('button', { name: language === 'English' ? /^Restore the backup of/ : /^恢复 .* 的备份$/ }).first());
      const dialog = page.getByRole('dialog', { name: restore });
      await scratchShot(`${language === 'English' ? 'en' : 'zh'}-restore-dialog`);
      await dialog.getByRole('button', { name: language === 'English' ? 'Cancel' : '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.getByRole('radiogroup').getByText('한국어', { exact: true }).click();
    expect(s.problems).toEqual([]);
  });
});
