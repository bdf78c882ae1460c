import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { clickNow, field, grid, toastsOver } from './support/ui.js';

const host = { host: '127.0.0.1' };

interface Settings {
  userName: string | null;
  currency: { code: string; chosen: boolean };
  installationTimeZone: { zone: string; chosen: boolean };
  setupDone: boolean;
}

/**
 * Issue 10, as a Korean student meets it: a fresh installation in a Korean browser in Seoul, the
 * manual's words, clicking at once after every save (toasts must never be in the way), and the
 * places that tripped students: first start, Save and New, group members, the calendar's day,
 * History, the owner's name and exported dates.
 */
describe('M0–M8 as a Korean student (issue 10)', () => {
  let s: Story;
  let acme: { id: number };

  const settings = async () => (await s.server.app.inject({ url: '/api/v1/settings', headers: host })).json() as Settings;

  beforeAll(async () => {
    s = await openStory('m0-ko', { locale: 'ko-KR', timezoneId: 'Asia/Seoul', firstStart: true });
    acme = await createCustomer(s.server.app, { name: '삼성전자' });
    await createContact(s.server.app, { name: '김철수', customerId: acme.id });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M0.c: the first start asks for the name, currency and time zone, filled in from the Korean browser', async () => {
    const { page } = s;
    await page.goto('/');
    const welcome = page.getByRole('dialog', { name: 'Rapport에 오신 것을 환영합니다' });
    await welcome.waitFor();
    expect(await field(welcome, '통화').inputValue()).toMatch(/^KRW/);
    expect(await field(welcome, '기본 시간대').inputValue()).toContain('한국 표준시');
    await s.shot('first-start');
    await field(welcome, '이름').fill('김민수');
    // A student's own computer (issue 15): no sign-in, as before accounts existed.
    await welcome.getByRole('radio', { name: '이 컴퓨터에서는 로그인 없이 사용' }).check();
    await welcome.getByRole('button', { name: '시작' }).click();
    await welcome.waitFor({ state: 'hidden' });
    expect(await settings()).toMatchObject({ userName: '김민수', setupDone: true, currency: { code: 'KRW', chosen: true }, installationTimeZone: { zone: 'Asia/Seoul', chosen: true } });
    // Reloading does not ask again.
    await page.reload();
    // The app opens on its home page (issue 12); the manual's folder is one click away.
    await page.getByRole('heading', { name: '대시보드' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await clickNow(page.getByRole('navigation').first().getByRole('link', { name: '고객 관리', exact: true }));
    await page.getByRole('tab', { name: '고객 목록' }).waitFor();
  });

  it('M1.c / M2.a / M2.e: 고객 목록 is a tab to click; 새로 만들기 says its word; Save and New asks nothing that is not there; the next click is never a toast\'s', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '고객 목록' }).click();
    await grid(page, '고객 목록').getByRole('link', { name: '삼성전자' }).waitFor();
    // The owner is the name given at the first start, not "Local user".
    await grid(page, '고객 목록').getByRole('cell', { name: '김민수' }).waitFor();
    // The button shows the manual's word, not only a "+" with a tooltip.
    expect(await page.getByRole('button', { name: '새로 만들기', exact: true }).innerText()).toBe('새로 만들기');
    await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
    const dialog = page.getByRole('dialog', { name: '새 고객' });
    await field(dialog, '고객명').fill('현대자동차');
    await clickNow(dialog.getByRole('button', { name: '저장 및 새로 만들기' }));
    await dialog.getByText('“현대자동차” 저장됨').waitFor();
    await field(dialog, '고객명').fill('LG전자');
    // Save record stays in view at 1440×900 without scrolling the form.
    const box = await dialog.getByRole('button', { name: '기록 저장' }).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(900);
    await clickNow(dialog.getByRole('button', { name: '기록 저장' }));
    await dialog.waitFor({ state: 'hidden' });
    // At once, the next record: the toast of the last save must neither cover nor catch the click.
    await clickNow(page.getByRole('button', { name: '새 기록' }));
    await dialog.waitFor();
    expect(await toastsOver(page, dialog)).toEqual([]);
    await clickNow(dialog.getByRole('button', { name: '취소' }));
    await dialog.waitFor({ state: 'hidden' });
    await s.shot('customers-after-save');
  });

  it('M3.b → M4.c → M5.b: group members saved, then at once New contact, Save record; View contact\'s 닫기 right after a save', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '고객 그룹' }).click();
    await page.getByRole('heading', { name: '주요 고객' }).waitFor();
    // An empty group says how members are added.
    await page.getByText('“그룹 구성원 추가/제거”를 눌러 고객을 추가하세요', { exact: false }).waitFor();
    await clickNow(page.getByRole('button', { name: '그룹 구성원 추가/제거' }));
    const members = page.getByRole('dialog', { name: '그룹 구성원 추가/제거' });
    await members.getByRole('listbox', { name: '그룹에 없는 고객' }).getByRole('option', { name: '현대자동차' }).click();
    await clickNow(members.getByRole('button', { name: '추가', exact: true }));
    await clickNow(members.getByRole('button', { name: '확인' }));
    await members.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '연락처', exact: true }).click();
    await clickNow(page.getByRole('button', { name: '새로 만들기', exact: true }));
    const contact = page.getByRole('dialog', { name: '새 연락처' });
    await field(contact, '연락처 이름').fill('박지훈');
    const customer = field(contact, '고객');
    await customer.click();
    await customer.fill('현대');
    await page.getByRole('option', { name: '현대자동차', exact: true }).click();
    expect(await toastsOver(page, contact)).toEqual([]);
    await clickNow(contact.getByRole('button', { name: '기록 저장' }));
    await contact.waitFor({ state: 'hidden' });
    await clickNow(grid(page, '연락처 목록').getByRole('link', { name: '박지훈' }));
    const view = page.getByRole('dialog', { name: '연락처 보기' });
    await view.getByText('현대자동차').first().waitFor();
    expect(await toastsOver(page, view)).toEqual([]);
    await clickNow(view.getByRole('button', { name: '닫기' }).last());
    await view.waitFor({ state: 'hidden' });
  });

  it('M6.c: clicking 10일 in Seoul marks 10일, in words too; M6.f: 활동 기록 has labelled dates and no 새 기록', async () => {
    const { page } = s;
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    // 01:00 UTC on the 10th is 10:00 in Seoul, the same day.
    await s.server.app.inject({ method: 'POST', url: '/api/v1/activities', headers: host, payload: { subject: '분기 검토 회의', startAt: `${month}-10T01:00:00Z`, endAt: `${month}-10T02:00:00Z`, customerId: acme.id } });
    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '달력' }).click();
    await page.getByText('시간은 한국 표준시 기준입니다', { exact: false }).waitFor();
    await page.getByText('분기 검토 회의').first().waitFor();
    await page.locator(`[data-date="${month}-10"]`).first().click({ position: { x: 8, y: 60 } });
    await page.getByRole('region', { name: '선택한 날짜의 활동' }).getByRole('listitem', { name: '분기 검토 회의' }).waitFor();
    // What a screen reader reads: "10 (선택됨)", in the cell of the 10th and nowhere else.
    const marked = page.getByText('(선택됨)');
    expect(await marked.count()).toBe(1);
    expect(await marked.evaluate((el) => el.closest('[data-date]')?.getAttribute('data-date'))).toBe(`${month}-10`);
    expect(await marked.evaluate((el) => el.parentElement?.textContent?.trim())).toBe('10 (선택됨)');
    await s.shot('calendar-selected-10');

    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '활동 기록' }).click();
    await page.getByRole('heading', { name: '활동 기록' }).waitFor();
    await page.getByLabel('종료일 (부터)').waitFor();
    await page.getByLabel('종료일 (까지)').waitFor();
    expect(await page.getByRole('button', { name: '새 기록' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '새로 만들기' }).count()).toBe(0);
    await s.shot('history');
  });

  it('M8.d: an export made in Seoul is named by Seoul\'s date and writes Seoul\'s time with its offset', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '고객 관리' }).click();
    await page.getByRole('button', { name: '내보내기' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    const seoulToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    expect(download.suggestedFilename()).toBe(`customers-${seoulToday}.csv`);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
    expect(text).toContain('생성일');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00/);
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(text).toContain('김민수');
    expect(s.problems).toEqual([]);
  });
});
