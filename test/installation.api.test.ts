import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { settleInstallation } from '../src/server/core/installation.js';
import { createCustomer, createOpportunity, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

interface Settings {
  timeZone: string | null;
  locale: string;
  userName: string | null;
  currency: { code: string; digits: number; chosen: boolean; amountsStored: boolean };
  installationTimeZone: { zone: string; chosen: boolean };
  setupDone: boolean;
}

/** Runs `body` with the clock at `iso` (Date only: the database and timers keep real time). */
async function at<T>(iso: string, body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  try {
    return await body();
  } finally {
    vi.useRealTimers();
  }
}

/** Issue 10: the server's "today", numbers' years and export dates follow the installation's time zone; first start asks. */
describe.each(DATABASES)('the installation on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });
  afterEach(() => { vi.useRealTimers(); });

  const settings = (body?: Record<string, unknown>) => call<Settings & Problem>(t.app, body ? 'PATCH' : 'GET', '/api/v1/settings', body);

  it('first start: nothing is chosen yet, the owner is the translated "Local user", and the answers are kept', async () => {
    const first = (await settings()).body;
    expect(first.setupDone).toBe(false);
    expect(first.userName).toBeNull();
    expect(first.installationTimeZone.chosen).toBe(false);
    expect(first.currency).toMatchObject({ chosen: false, amountsStored: false });
    const c = await createCustomer(t.app);
    const labels = async (locale: string) => (await call<Record<string, unknown> & { _labels: Record<string, string> }>(t.app, 'GET', `/api/v1/customers/${c.id}?locale=${locale}`)).body._labels.ownerId;
    expect(await labels('en')).toBe('Local user');
    expect(await labels('ko')).toBe('로컬 사용자');
    expect(await labels('zh-CN')).toBe('本地用户');
    const users = await t.app.inject({ url: '/api/v1/users', headers: { 'accept-language': 'ko' } });
    // The local user is the administrator, who sees whole accounts (issue 15); the name is translated all the same.
    expect(users.json().items).toMatchObject([{ id: 1, name: '로컬 사용자' }]);

    const answered = await settings({ currency: 'KRW', installationTimeZone: 'Asia/Seoul', userName: '  김민수 ', setupDone: true });
    expect(answered.status, answered.raw).toBe(200);
    expect(answered.body).toMatchObject({ setupDone: true, userName: '김민수', currency: { code: 'KRW', chosen: true }, installationTimeZone: { zone: 'Asia/Seoul', chosen: true } });
    expect(await labels('ko')).toBe('김민수');
    expect(await labels('en')).toBe('김민수');
    for (const bad of [{ installationTimeZone: 'Mars/Olympus' }, { installationTimeZone: "UTC'; DROP TABLE users; --" }, { userName: '   ' }, { setupDone: false }, { userName: 'x'.repeat(121) }]) {
      const res = await settings(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(Object.keys(bad));
    }
    expect((await settings()).body).toMatchObject({ userName: '김민수', installationTimeZone: { zone: 'Asia/Seoul' } });
  });

  it('item 10: a sale made at 08:53 on 2 December in Seoul is of 2 December, converted or not; numbers take Seoul\'s year', async () => {
    await settings({ installationTimeZone: 'Asia/Seoul' });
    const c = await createCustomer(t.app);
    const won = await dictId(t.app, 'opportunity-stage', 'won');
    const opp = await createOpportunity(t.app, c.id, { stageId: won, amount: 1000 });
    await at('2026-12-01T23:53:00Z', async () => {
      const sale = await call<{ orderDate: string; number: string }>(t.app, 'POST', '/api/v1/sales', { customerId: c.id });
      expect(sale.status, sale.raw).toBe(201);
      expect(sale.body.orderDate).toBe('2026-12-02');
      expect(sale.body.number).toMatch(/^SO-2026-/);
      const converted = await call<{ orderDate: string }>(t.app, 'POST', `/api/v1/opportunities/${opp.id}/convert`);
      expect(converted.status, converted.raw).toBe(201);
      expect(converted.body.orderDate).toBe('2026-12-02');
    });
    // 00:30 on 1 January 2027 in Seoul is still 2026 in UTC.
    await at('2026-12-31T15:30:00Z', async () => {
      expect((await call<{ code: string }>(t.app, 'GET', '/api/v1/sales/next-code')).body.code).toBe('SO-2027-00001');
      const sale = await call<{ orderDate: string; number: string }>(t.app, 'POST', '/api/v1/sales', { customerId: c.id });
      expect(sale.body).toMatchObject({ orderDate: '2027-01-01', number: 'SO-2027-00001' });
    });
    // Los Angeles is behind UTC: 05:00 UTC on 2 December is 21:00 on 1 December there.
    await settings({ installationTimeZone: 'America/Los_Angeles' });
    await at('2026-12-02T05:00:00Z', async () => {
      expect((await call<{ orderDate: string }>(t.app, 'POST', '/api/v1/sales', { customerId: c.id })).body.orderDate).toBe('2026-12-01');
    });
    // A date the user gives is kept as given.
    expect((await call<{ orderDate: string }>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, orderDate: '2026-06-30' })).body.orderDate).toBe('2026-06-30');
  });

  it('item 5: exports are named by the installation\'s date and write its wall clock (CSV with the offset, XLSX as real local dates)', async () => {
    await settings({ installationTimeZone: 'Asia/Seoul' });
    const c = await createCustomer(t.app);
    const opp = await at('2026-12-01T23:10:44.613Z', () => createOpportunity(t.app, c.id, { name: 'Exported at 08:10 in Seoul' }));
    const csv = await at('2026-12-01T23:10:50Z', () => t.app.inject({ url: `/api/v1/opportunities/export?format=csv&filter[id]=${opp.id}&locale=ko` }));
    expect(csv.headers['content-disposition']).toBe('attachment; filename="opportunities-2026-12-02.csv"');
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
    const col = (title: string) => rows[0].indexOf(title);
    expect(rows[1][col('생성일')]).toBe('2026-12-02T08:10:44+09:00');
    expect(rows[1][col('수정일')]).toBe('2026-12-02T08:10:44+09:00');

    const xlsx = await t.app.inject({ url: `/api/v1/opportunities/export?format=xlsx&filter[id]=${opp.id}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const created = sheet.getRow(2).getCell(header.indexOf('Created')).value;
    expect(created).toBeInstanceOf(Date);
    // A spreadsheet date has no zone: it shows the Seoul wall clock.
    expect((created as Date).toISOString().slice(0, 19)).toBe('2026-12-02T08:10:44');

    const one = await at('2026-12-01T23:10:50Z', () => t.app.inject({ url: `/api/v1/opportunities/${opp.id}/export?format=csv` }));
    expect(one.body).toContain('2026-12-02T08:10:44+09:00');

    await settings({ installationTimeZone: 'America/Los_Angeles' });
    const la = await at('2026-12-02T05:00:00Z', () => t.app.inject({ url: `/api/v1/opportunities/export?format=csv&filter[id]=${opp.id}` }));
    expect(la.headers['content-disposition']).toContain('opportunities-2026-12-01.csv');
    expect(la.body).toContain('2026-12-01T15:10:44-08:00');
  });

  it('a date-time grouped or filtered by a whole day means that day in the installation\'s zone (08:10 in Seoul on the 2nd is the 2nd)', async () => {
    await settings({ installationTimeZone: 'Asia/Seoul' });
    const c = await at('2026-12-01T23:10:44Z', () => createCustomer(t.app, { name: 'Grouped by Seoul day' }));
    const groups = await call<{ groups: { value: string; count: number }[] }>(t.app, 'GET', `/api/v1/customers?groupBy=createdAt&filter[id]=${c.id}`);
    expect(groups.body.groups).toEqual([expect.objectContaining({ value: '2026-12-02', count: 1 })]);
    const day = async (d: string) => (await call<Page>(t.app, 'GET', `/api/v1/customers?filter[createdAt]=${d}&filter[id]=${c.id}`)).body.items.length;
    expect(await day('2026-12-02')).toBe(1);
    expect(await day('2026-12-01')).toBe(0);
    await settings({ installationTimeZone: 'America/Los_Angeles' });
    expect(await day('2026-12-01')).toBe(1);
  });

  it('item 11: a seed settles the currency and zone from its options, else from the computer\'s locale, and never changes stored amounts', async () => {
    const fresh = await startApp(database);
    try {
      const db = fresh.app.database.kysely;
      expect(await settleInstallation(db, {}, { LANG: 'ko_KR.UTF-8' })).toMatchObject({ currency: 'KRW' });
      const s = (await call<Settings>(fresh.app, 'GET', '/api/v1/settings')).body;
      expect(s.currency).toMatchObject({ code: 'KRW', chosen: true });
      expect(s.installationTimeZone.chosen).toBe(true);
      // The browser's locale no longer decides it, and the first start still asks (setupDone stays false).
      await call(fresh.app, 'PATCH', '/api/v1/settings', { locale: 'en' });
      expect((await call<Settings>(fresh.app, 'GET', '/api/v1/settings')).body).toMatchObject({ currency: { code: 'KRW' }, setupDone: false });
      expect(await settleInstallation(db, { currency: 'JPY', timeZone: 'Asia/Tokyo' }, {})).toEqual({ currency: 'JPY', timeZone: 'Asia/Tokyo' });
      await createOpportunity(fresh.app, (await createCustomer(fresh.app)).id, { amount: 5000 });
      await expect(settleInstallation(db, { currency: 'USD' }, {})).rejects.toThrow(/already keeps its amounts in JPY/);
      await expect(settleInstallation(db, { currency: 'dollars' }, {})).rejects.toThrow(/ISO 4217/);
      await expect(settleInstallation(db, { timeZone: 'Asia/Nowhere' }, {})).rejects.toThrow(/IANA/);
      expect((await call<Settings>(fresh.app, 'GET', '/api/v1/settings')).body.currency).toMatchObject({ code: 'JPY', amountsStored: true });
    } finally {
      await fresh.close();
    }
  });

  it('the owner filter and group-by label the local user in the reader\'s language', async () => {
    const fresh = await startApp(database);
    try {
      await createCustomer(fresh.app);
      const groups = await call<{ groups: { label: string }[] }>(fresh.app, 'GET', '/api/v1/customers?groupBy=ownerId&locale=zh-CN');
      expect(groups.body.groups.map((g) => g.label)).toEqual(['本地用户']);
      const page = await call<Page>(fresh.app, 'GET', '/api/v1/customers?locale=ko');
      expect((page.body.items[0]._labels as Record<string, string>).ownerId).toBe('로컬 사용자');
    } finally {
      await fresh.close();
    }
  });
});
