import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openStory, type Story } from './support/story.js';
import { cellOf, clickNow, field, grid, pickOption, pickRecord } from './support/ui.js';

const host = { host: '127.0.0.1' };

interface LabStep { id: string; done: boolean; doneAt: string | null }

/**
 * Issue 13: the guided lab as a Korean student does it. The panel beside the page lists the
 * manual's steps; each ticks itself exactly when its work is done in the UI (checked before and
 * after the work), Show me outlines the control the manual names, and the lab report prints.
 */
describe('the guided lab in Korean (issue 13)', () => {
  let s: Story;

  const steps = async () => ((await s.server.app.inject({ url: '/api/v1/lab', headers: host })).json() as { steps: LabStep[] }).steps;
  const isDone = async (id: string) => (await steps()).find((x) => x.id === id)?.done ?? false;
  /** The step is not done before `work`, and is ticked in the panel (by its row's name) after it. */
  const ticks = async (ids: string[], work: () => Promise<void>) => {
    for (const id of ids) expect(await isDone(id), `${id} before its work`).toBe(false);
    await work();
    for (const id of ids) await expect.poll(() => isDone(id), { timeout: 8000 }).toBe(true);
  };
  const nav = (page: Page) => page.getByRole('navigation', { name: '폴더' });
  const panel = (page: Page): Locator => page.getByRole('region', { name: '실험 안내' });
  const rowOf = (page: Page, id: string) => panel(page).locator(`[data-step="${id}"]`);

  beforeAll(async () => {
    s = await openStory('lab', { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M0: the 실험 button opens the panel with every step; M0.a is done from the start, M0.c when the app opens', async () => {
    const { page } = s;
    expect(await isDone('M0.a')).toBe(true);
    expect(await isDone('M0.c')).toBe(false);
    await page.goto('/');
    await page.getByRole('heading', { name: '대시보드' }).waitFor();
    await expect.poll(() => isDone('M0.c')).toBe(true);
    await clickNow(page.getByRole('button', { name: '실험' }));
    await panel(page).waitFor();
    await panel(page).getByText(/단계 중 \d+단계 완료/).first().waitFor();
    // The open module is the first with work left: M0 needs three folders opened.
    await rowOf(page, 'M0.b').waitFor();
    expect(await rowOf(page, 'M0.b').getAttribute('aria-label')).toContain('아직 안 함');
    await s.shot('panel-start');
    // Hidden and remembered: a reload keeps it as it was.
    await page.reload();
    await panel(page).waitFor();
  });

  it('M1.b / M1.c: Show me outlines 새 기록; two customers saved with 저장 및 새로 만들기 in a row tick M1.c, not one', async () => {
    const { page } = s;
    // The panel opens the first module with work left; M0 may just have been finished.
    const showMe = panel(page).getByRole('button', { name: '보여 주기: M1.b' });
    await page.waitForTimeout(300);
    if (!(await showMe.isVisible())) await clickNow(panel(page).getByRole('button', { name: '1. 고객 정보 설정' }));
    await clickNow(showMe);
    await page.waitForURL('**/customers');
    const outlined = page.locator('[data-lab-highlight]');
    await outlined.waitFor();
    expect(await outlined.innerText()).toBe('새 기록');
    await s.shot('show-me');
    expect(await isDone('M0.b')).toBe(true);
    await clickNow(page.getByRole('button', { name: '새 기록' }));
    const dialog = page.getByRole('dialog', { name: '새 고객' });
    await field(dialog, '고객명').fill('삼성전자');
    await ticks(['M1.b'], async () => {
      await clickNow(dialog.getByRole('button', { name: '저장 및 새로 만들기' }));
      await dialog.getByText('“삼성전자” 저장됨').waitFor();
    });
    expect(await isDone('M1.c')).toBe(false);
    await field(dialog, '고객명').fill('현대자동차');
    await ticks(['M1.c'], async () => {
      await clickNow(dialog.getByRole('button', { name: '저장 및 새로 만들기' }));
      await dialog.getByText('“현대자동차” 저장됨').waitFor();
    });
    await clickNow(dialog.getByRole('button', { name: '취소' }));
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => rowOf(page, 'M1.c').getAttribute('aria-label')).toContain('완료');
    await s.shot('panel-M1');
  });

  it('M2: the list grouped, a customer opened and edited, a cell edited in place, a third customer from 새로 만들기', async () => {
    const { page } = s;
    await ticks(['M2.b'], async () => {
      await page.getByRole('combobox', { name: '그룹화' }).selectOption({ index: 1 });
    });
    await page.getByRole('combobox', { name: '그룹화' }).selectOption({ index: 0 });
    await ticks(['M2.c'], async () => {
      await clickNow(grid(page, '고객 목록').getByRole('link', { name: '삼성전자' }));
      await page.getByRole('heading', { name: '삼성전자' }).waitFor();
    });
    await ticks(['M1.d'], async () => {
      await clickNow(page.getByRole('button', { name: '편집' }));
      const edit = page.getByRole('dialog', { name: /고객 편집|삼성전자/ });
      await field(edit, '도시').fill('서울');
      await clickNow(edit.getByRole('button', { name: '기록 저장' }));
      await edit.waitFor({ state: 'hidden' });
    });
    await clickNow(nav(page).getByRole('link', { name: '고객 관리', exact: true }));
    await ticks(['M2.d'], async () => {
      const row = grid(page, '고객 목록').getByRole('row').filter({ has: page.getByRole('link', { name: '현대자동차', exact: true }) });
      const city = await cellOf(page, row, '도시', '고객 목록');
      await city.dblclick();
      await city.getByRole('textbox', { name: '도시' }).fill('부산');
      await city.getByRole('textbox', { name: '도시' }).press('Enter');
      await row.getByText('부산').waitFor();
    });
    await ticks(['M2.e'], async () => {
      await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
      const dialog = page.getByRole('dialog', { name: '새 고객' });
      await field(dialog, '고객명').fill('LG전자');
      await clickNow(dialog.getByRole('button', { name: '기록 저장' }));
      await dialog.waitFor({ state: 'hidden' });
    });
    await s.shot('panel-M2');
  });

  it('M3: 고객 그룹 opened; 주요 고객 gets members through 그룹 구성원 추가/제거; M3.c waits for all four other groups', async () => {
    const { page } = s;
    await clickNow(nav(page).getByRole('link', { name: '고객 그룹' }));
    await page.getByRole('heading', { name: '주요 고객' }).waitFor();
    const addTo = async (group: string, customers: string[]) => {
      await clickNow(page.getByRole('button', { name: group }).first());
      await page.getByRole('heading', { name: group }).waitFor();
      await clickNow(page.getByRole('button', { name: '그룹 구성원 추가/제거' }));
      const members = page.getByRole('dialog', { name: '그룹 구성원 추가/제거' });
      for (const c of customers) {
        await members.getByRole('listbox', { name: '그룹에 없는 고객' }).getByRole('option', { name: c }).click();
        await clickNow(members.getByRole('button', { name: '추가', exact: true }));
      }
      await clickNow(members.getByRole('button', { name: '확인' }));
      await members.waitFor({ state: 'hidden' });
    };
    await ticks(['M3.b'], () => addTo('주요 고객', ['삼성전자']));
    await ticks(['M3.a'], () => addTo('중요 고객', ['현대자동차']));
    await addTo('특별 고객', ['LG전자']);
    await addTo('잠재 고객', ['LG전자']);
    expect(await isDone('M3.c')).toBe(false);
    await ticks(['M3.c'], () => addTo('공급업체', ['현대자동차']));
    await s.shot('panel-M3');
  });

  it('M4 / M5: contacts for two customers, one with two; 연락처 보기 opened and closed; a third contact from 새로 만들기', async () => {
    const { page } = s;
    await clickNow(nav(page).getByRole('link', { name: '연락처', exact: true }));
    const newContact = async (name: string, customer: string) => {
      await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
      const dialog = page.getByRole('dialog', { name: '새 연락처' });
      await field(dialog, '연락처 이름').fill(name);
      const picker = field(dialog, '고객');
      await picker.click();
      await picker.fill(customer.slice(0, 2));
      await page.getByRole('option', { name: customer, exact: true }).click();
      await clickNow(dialog.getByRole('button', { name: '기록 저장' }));
      await dialog.waitFor({ state: 'hidden' });
    };
    await ticks(['M4.a', 'M4.b'], () => newContact('김철수', '삼성전자'));
    await newContact('이영희', '현대자동차');
    expect(await isDone('M4.c')).toBe(false);
    await ticks(['M4.c'], () => newContact('박지훈', '삼성전자'));
    await ticks(['M5.b'], async () => {
      await clickNow(grid(page, '연락처 목록').getByRole('link', { name: '박지훈' }));
      const view = page.getByRole('dialog', { name: '연락처 보기' });
      await view.getByText('삼성전자').first().waitFor();
      await clickNow(view.getByRole('button', { name: '닫기' }).last());
      await view.waitFor({ state: 'hidden' });
    });
    expect(await isDone('M5.c')).toBe(true);
    await s.shot('panel-M5');
  });

  it('M6: 달력 and 활동 기록 opened tick their steps; End activity ticks M6.e', async () => {
    const { page } = s;
    await ticks(['M6.a'], () => clickNow(nav(page).getByRole('link', { name: '연락처 활동' })));
    const created = await s.server.app.inject({ method: 'POST', url: '/api/v1/activities', headers: host, payload: { subject: '제품 소개 미팅', startAt: new Date().toISOString() } });
    expect(created.statusCode).toBe(201);
    await expect.poll(() => isDone('M6.b')).toBe(true);
    await ticks(['M6.c'], () => clickNow(nav(page).getByRole('link', { name: '달력' })));
    const id = (created.json() as { id: number }).id;
    await ticks(['M6.e'], async () => {
      expect((await s.server.app.inject({ method: 'POST', url: `/api/v1/activities/${id}/end`, headers: host, payload: {} })).statusCode).toBe(200);
    });
    await ticks(['M6.f'], () => clickNow(nav(page).getByRole('link', { name: '활동 기록' })));
  });

  it('M7: categories and subcategories made from the … editor; a product in them', async () => {
    const { page } = s;
    await ticks(['M7.a'], () => clickNow(nav(page).getByRole('link', { name: '제품', exact: true })));
    const form = page.getByRole('dialog', { name: '새 제품' });
    await ticks(['M7.b'], async () => {
      await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
      await form.waitFor();
    });
    await field(form, '제품명').fill('노트북 컴퓨터');
    await ticks(['M7.c'], async () => {
      await clickNow(form.getByRole('button', { name: '상품분류 사전 편집', exact: true }));
      const editor = page.getByRole('dialog', { name: '상품분류 사전 편집' });
      await editor.getByRole('textbox', { name: '새 값' }).fill('컴퓨터');
      await clickNow(editor.getByRole('button', { name: '추가', exact: true }));
      await editor.getByRole('listitem', { name: '컴퓨터' }).waitFor();
      await clickNow(editor.getByRole('button', { name: '닫기', exact: true }).last());
      await editor.waitFor({ state: 'hidden' });
    });
    await ticks(['M7.d'], async () => {
      await clickNow(form.getByRole('button', { name: '상품분류 사전 편집 (하위 카테고리)' }));
      const editor = page.getByRole('dialog', { name: '상품분류 사전 편집' });
      await editor.getByRole('textbox', { name: '컴퓨터의 새 하위 카테고리' }).fill('노트북');
      await clickNow(editor.getByRole('button', { name: '추가', exact: true }));
      await editor.getByRole('listitem', { name: '노트북' }).waitFor();
      await clickNow(editor.getByRole('button', { name: '닫기', exact: true }).last());
      await editor.waitFor({ state: 'hidden' });
    });
    await ticks(['M7.e'], async () => {
      await clickNow(form.getByRole('button', { name: '확인', exact: true }));
      await form.waitFor({ state: 'hidden' });
    });
    await s.shot('panel-M7');
  });

  it('M9 / M10: a service feedback record and an expense through their dialogs; the expense edited and exported', async () => {
    const { page } = s;
    await clickNow(nav(page).getByRole('link', { name: '서비스 피드백' }));
    await ticks(['M9'], async () => {
      await clickNow(page.getByRole('button', { name: '새 기록' }));
      const dialog = page.getByRole('dialog', { name: '새 서비스 피드백' });
      await field(dialog, '제목').fill('노트북 화면 불량 문의');
      await pickRecord(page, dialog, '고객', '삼성', '삼성전자');
      await clickNow(dialog.getByRole('button', { name: '기록 저장' }));
      await dialog.waitFor({ state: 'hidden' });
    });
    await clickNow(nav(page).getByRole('link', { name: '비용' }));
    await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
    const dialog = page.getByRole('dialog', { name: '새 비용' });
    await pickOption(page, dialog, '비용 분류', '식대 및 접대비');
    await field(dialog, '내용').fill('고객 방문 택시비');
    await field(dialog, '금액').fill('18500');
    await clickNow(dialog.getByRole('button', { name: '기록 저장' }));
    await dialog.waitFor({ state: 'hidden' });
    const row = grid(page, '비용 목록').getByRole('row').filter({ hasText: '고객 방문 택시비' });
    const amount = await cellOf(page, row, '금액', '비용 목록');
    await amount.dblclick();
    await amount.getByRole('textbox', { name: '금액' }).fill('21000');
    await amount.getByRole('textbox', { name: '금액' }).press('Enter');
    await expect.poll(() => amount.innerText()).toContain('21,000');
    expect(await isDone('M10')).toBe(false);
    await ticks(['M10'], async () => {
      await clickNow(page.getByRole('button', { name: '내보내기' }));
      const download = page.waitForEvent('download');
      await clickNow(page.getByRole('menuitem', { name: 'CSV' }));
      await download;
    });
  });

  it('M8.d / M10: 내보내기 ticks the export steps; M11: each analysis run with 확인 ticks its step', async () => {
    const { page } = s;
    // The opportunity and sale dialogs have their own stories (m8-*); here their records come through the API.
    const get = async (url: string) => ((await s.server.app.inject({ url, headers: host })).json() as { items: { id: number }[] }).items[0]?.id;
    const customerId = await get('/api/v1/customers?filter[name]=삼성전자');
    const productId = await get('/api/v1/products');
    const post = async (url: string, payload: Record<string, unknown>) => expect((await s.server.app.inject({ method: 'POST', url, headers: host, payload })).statusCode).toBe(201);
    await ticks(['M8.b', 'M8.c'], () => post('/api/v1/opportunities', { name: '노트북 100대', customerId, lines: [{ productId, quantity: 100, unitPrice: 1_200_000 }] }));
    await ticks(['M8.f'], () => post('/api/v1/sales', { customerId, lines: [{ productId, quantity: 10, unitPrice: 1_200_000 }] }));
    await ticks(['M8.a'], () => clickNow(nav(page).getByRole('link', { name: '판매 기회' })));
    await ticks(['M8.g'], async () => {
      await clickNow(nav(page).getByRole('link', { name: '판매', exact: true }));
      await clickNow(page.getByRole('table', { name: '판매' }).getByRole('link').first());
      await page.getByText('판매 세부정보', { exact: true }).waitFor();
      await clickNow(nav(page).getByRole('link', { name: '판매 기회' }));
    });
    await ticks(['M8.d'], async () => {
      await clickNow(page.getByRole('button', { name: '내보내기' }));
      const download = page.waitForEvent('download');
      await clickNow(page.getByRole('menuitem', { name: 'CSV' }));
      await download;
    });
    for (const [name, id] of [['판매 추세 분석', 'M11.a'], ['판매 유입경로 모델 분석', ''], ['판매 구성 분석', 'M11.b']] as const) {
      const run = async () => {
        await clickNow(nav(page).getByRole('link', { name }));
        const options = page.getByRole('dialog');
        await clickNow(options.getByRole('button', { name: '확인' }));
        await options.waitFor({ state: 'hidden' });
        await page.getByRole('main').getByRole('heading', { name, level: 2 }).waitFor();
      };
      if (id) await ticks([id], run);
      else await run();
    }
    await s.shot('panel-M11');
    expect(s.problems).toEqual([]);
  });

  it('the lab report: name and course asked once, the printable page in A4 with the steps, records and three charts; the DOCX reads back', async () => {
    const { page, context } = s;
    await clickNow(panel(page).getByRole('button', { name: '실험 보고서' }));
    const ask = page.getByRole('dialog', { name: '실험 보고서의 학생 정보' });
    await field(ask, '이름').fill('김민수');
    await field(ask, '과목').fill('CRM 실험 2026-2');
    const opened = context.waitForEvent('page');
    await clickNow(ask.getByRole('button', { name: '저장하고 보고서 열기' }));
    const report = await opened;
    await report.waitForLoadState('load');
    await report.getByRole('heading', { name: 'CRM 실험 보고서' }).waitFor();
    const text = await report.locator('body').innerText();
    for (const words of ['김민수', 'CRM 실험 2026-2', '실험 목적', '삼성전자', '박지훈', '노트북 컴퓨터', '제품 소개 미팅']) expect(text).toContain(words);
    expect(await report.locator('svg').count()).toBeGreaterThanOrEqual(3);
    await report.setViewportSize({ width: 900, height: 1200 });
    await report.screenshot({ path: 'test-results/screenshots/lab-report-ko.png' });
    const pdf = await report.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    // A4 is 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+|\/MediaBox\s*\[\s*0 0 595\.\d+ 842/);
    await report.close();
    // Asked once: the second time the DOCX downloads at once.
    const download = page.waitForEvent('download');
    await clickNow(panel(page).getByRole('button', { name: 'DOCX 문서로 내려받기' }));
    const file = await (await download).path();
    const fs = await import('node:fs');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')?.async('string') ?? '';
    for (const words of ['김민수', '삼성전자', '실험 목적']) expect(xml).toContain(words);
    expect(s.problems).toEqual([]);
  });

  it('the panel, Show me and the report in English and Chinese (screenshots to look at)', async () => {
    const { page, context } = s;
    for (const [lang, title, show, report] of [['en', 'Guided lab', 'Show me: M6.d', 'CRM lab report'], ['zh-CN', '实验指导', '演示：M6.d', 'CRM 实验报告']] as const) {
      await page.getByRole('combobox', { name: /언어|Language|语言/ }).selectOption(lang);
      const region = page.getByRole('region', { name: title });
      await region.waitFor();
      const showMe = region.getByRole('button', { name: show });
      if (!(await showMe.isVisible())) await clickNow(region.getByRole('button', { name: /M6|6\./ }).first());
      await clickNow(showMe);
      await page.waitForURL('**/calendar');
      await s.shot(`panel-${lang}`);
      const opened = context.waitForEvent('page');
      await clickNow(region.getByRole('button', { name: lang === 'en' ? 'Lab report' : '实验报告' }));
      const tab = await opened;
      await tab.getByRole('heading', { name: report }).waitFor();
      await tab.setViewportSize({ width: 900, height: 1200 });
      await tab.screenshot({ path: `test-results/screenshots/lab-report-${lang}.png` });
      await tab.close();
    }
    expect(s.problems).toEqual([]);
  });
});
