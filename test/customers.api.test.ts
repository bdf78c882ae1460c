import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';

describe.each(DATABASES)('customers API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  it('M1.b: creates a customer with an auto-suggested code and audit columns', async () => {
    const next = await call<{ code: string }>(t.app, 'GET', '/api/v1/customers/next-code');
    expect(next.body.code).toMatch(/^C-\d{6}$/);
    const res = await call(t.app, 'POST', '/api/v1/customers', { name: '  현대자동차  ', typeId: await dictId(t.app, 'customer-type', 'customer'), phone: '02-1234-5678' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/customers/${res.body.id}`);
    expect(res.body).toMatchObject({ name: '현대자동차', code: next.body.code, version: 1, ownerId: 1, createdBy: 1, updatedBy: 1, deletedAt: null, fax: null });
    expect(Date.parse(String(res.body.createdAt))).not.toBeNaN();
    const again = await call(t.app, 'GET', `/api/v1/customers/${res.body.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('M1.d: validation errors name the field and save nothing', async () => {
    const before = await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact');
    const res = await call<Problem>(t.app, 'POST', '/api/v1/customers', { name: ' ', email: 'not-mail', website: 'javascript:alert(1)', typeId: 'x', bogus: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = res.body.errors?.map((e) => e.field).sort();
    expect(fields).toEqual(['bogus', 'email', 'name', 'typeId', 'website']);
    const after = await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact');
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses a dictionary value from another dictionary, a missing owner, and a duplicate code', async () => {
    const industry = await dictId(t.app, 'industry', 'retail');
    const wrong = await call<Problem>(t.app, 'POST', '/api/v1/customers', { name: 'X', typeId: industry, ownerId: 999 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.map((e) => e.field).sort()).toEqual(['ownerId', 'typeId']);
    const a = await createCustomer(t.app, { code: 'DUP-1' });
    const dup = await call<Problem>(t.app, 'POST', '/api/v1/customers', { name: 'Y', code: 'DUP-1' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ field: 'code', message: 'is already used by another record' }]);
    const patchDup = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${(await createCustomer(t.app)).id}`, { code: 'DUP-1', version: 1 });
    expect(patchDup.status).toBe(400);
    expect(a.code).toBe('DUP-1');
  });

  it('M1.d / M2.d: PATCH with the current version saves; a stale version is 409 with the current record and overwrites nothing', async () => {
    const c = await createCustomer(t.app, { name: 'Hyundai' });
    const ok = await call(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { city: 'Busan', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ city: 'Busan', version: 2, name: 'Hyundai' });
    const stale = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { city: 'Ulsan', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ city: 'Busan', version: 2 });
    expect((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).body.city).toBe('Busan');
    const noVersion = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { city: 'Ulsan' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors?.[0].field).toBe('version');
    const blankName = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { name: '', version: 2 });
    expect(blankName.status).toBe(400);
    expect(blankName.body.errors?.[0].field).toBe('name');
  });

  it('M2.d: two concurrent edits of the same version: exactly one wins, the other gets 409', async () => {
    const c = await createCustomer(t.app, { name: 'Race Ltd' });
    const results = await Promise.all(['Daegu', 'Gwangju', 'Jeju', 'Incheon'].map((city) => call(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { city, version: 1 })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)?.body.city;
    expect((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).body).toMatchObject({ city: winner, version: 2 });
  });

  it('deletes to Trash and restores', async () => {
    const c = await createCustomer(t.app, { name: 'Trash Me Ltd' });
    expect((await call(t.app, 'DELETE', `/api/v1/customers/${c.id}`)).status).toBe(204);
    expect((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).status).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/customers/${c.id}`)).status).toBe(404);
    const live = await call<Page>(t.app, 'GET', '/api/v1/customers?q=Trash Me');
    expect(live.body.items).toHaveLength(0);
    const trash = await call<Page>(t.app, 'GET', '/api/v1/customers?trash=1&q=Trash Me');
    expect(trash.body.items.map((i) => i.id)).toEqual([c.id]);
    expect(trash.body.items[0].deletedAt).toBeTruthy();
    const restored = await call(t.app, 'POST', `/api/v1/customers/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await call(t.app, 'POST', `/api/v1/customers/${c.id}/restore`)).status).toBe(404);
  });

  it('finds Korean, Chinese and English substrings, including 1–2 character terms', async () => {
    await createCustomer(t.app, { name: '삼성전자 주식회사', city: '수원' });
    await createCustomer(t.app, { name: '华信科技有限公司', city: '北京' });
    await createCustomer(t.app, { name: 'Acme Trading', email: 'sales@acme.example' });
    const names = async (q: string) => (await call<Page>(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`)).body.items.map((i) => i.name);
    expect(await names('삼성')).toEqual(['삼성전자 주식회사']);
    expect(await names('전자')).toEqual(['삼성전자 주식회사']);
    expect(await names('성전자')).toEqual(['삼성전자 주식회사']);
    expect(await names('华信')).toEqual(['华信科技有限公司']);
    expect(await names('科技有限')).toEqual(['华信科技有限公司']);
    expect(await names('信')).toEqual(['华信科技有限公司']);
    expect(await names('acme')).toEqual(['Acme Trading']);
    expect(await names('CME TR')).toEqual(['Acme Trading']);
    expect(await names('sales@acme')).toEqual(['Acme Trading']);
    expect(await names('삼성 수원')).toEqual(['삼성전자 주식회사']);
    expect(await names('없음')).toEqual([]);
    expect(await names('"); DROP TABLE customers; --')).toEqual([]);
    expect(await names('%')).toHaveLength(0);
    expect(await names('@')).toContain('Acme Trading');
  });

  it('a search with no chosen sort lists newest first; a chosen sort is honoured', async () => {
    const a = await createCustomer(t.app, { name: 'Order 가나다 B' });
    const b = await createCustomer(t.app, { name: 'Order 가나다 A' });
    const ids = async (qs: string) => (await call<Page>(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent('가나')}${qs}`)).body.items.map((i) => i.id);
    expect(await ids('')).toEqual([b.id, a.id]);
    expect(await ids('&sort=name')).toEqual([b.id, a.id]);
    expect(await ids('&sort=-name')).toEqual([a.id, b.id]);
    expect(await ids('&sort=id')).toEqual([a.id, b.id]);
    const first = await call<Page>(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent('가나다')}&limit=1`);
    const second = await call<Page>(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent('가나다')}&limit=1&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((i) => i.id)).toEqual([b.id, a.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('M2.a: the total can be fetched apart from the page, so no page waits for it', async () => {
    await createCustomer(t.app, { name: 'Counted 하나' });
    await createCustomer(t.app, { name: 'Counted 둘' });
    const page = await call<Page>(t.app, 'GET', '/api/v1/customers?q=Counted&total=none');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeNull();
    expect((await call(t.app, 'GET', '/api/v1/customers/count?q=Counted')).body).toEqual({ total: 2, totalCapped: false });
    expect((await call(t.app, 'GET', '/api/v1/customers/count?q=Counted&filter[name][contains]=하나')).body).toEqual({ total: 1, totalCapped: false });
    expect((await call(t.app, 'GET', '/api/v1/customers?total=some')).status).toBe(400);
  });

  it('M2.b: filters by value, range, list, emptiness and substring; unknown names are 400', async () => {
    const vip = await dictId(t.app, 'customer-rating', 'a');
    const a = await createCustomer(t.app, { name: 'Filter A', ratingId: vip, country: 'KR' });
    await createCustomer(t.app, { name: 'Filter B', country: null });
    const get = async (qs: string) => call<Page>(t.app, 'GET', `/api/v1/customers?q=Filter&${qs}`);
    expect((await get(`filter[ratingId]=${vip}`)).body.items.map((i) => i.name)).toEqual(['Filter A']);
    expect((await get(`filter[ratingId][in]=${vip},99999`)).body.items.map((i) => i.name)).toEqual(['Filter A']);
    expect((await get('filter[country][empty]=1')).body.items.map((i) => i.name)).toEqual(['Filter B']);
    expect((await get('filter[country][empty]=0')).body.items.map((i) => i.name)).toEqual(['Filter A']);
    expect((await get('filter[name][contains]=r a')).body.items.map((i) => i.name)).toEqual(['Filter A']);
    expect((await get(`filter[id][gte]=${a.id}&filter[id][lt]=${a.id + 1}`)).body.items.map((i) => i.name)).toEqual(['Filter A']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`filter[createdAt]=${today}`)).body.total).toBe(2);
    expect((await get('filter[createdAt][lt]=2000-01-01')).body.total).toBe(0);
    for (const bad of ['filter[nope]=1', 'filter[name][gte]=a', 'filter[ratingId]=abc', 'filter[name][zz]=1', 'sort=name;drop', 'groupBy=password', 'limit=0', 'limit=100000', 'cursor=zzz', 'what=1']) {
      const res = await call<Problem>(t.app, 'GET', `/api/v1/customers?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.errors?.length, bad).toBeGreaterThan(0);
    }
  });

  it('M2.a: keyset paging visits every row exactly once in sort order, with NULLs, both directions', async () => {
    for (let i = 0; i < 23; i++) await createCustomer(t.app, { name: `Page ${String(i % 7).padStart(2, '0')}`, city: i % 3 === 0 ? null : `City ${i % 4}` });
    for (const sort of ['name', '-name', 'city', '-city', '-updatedAt', 'city,-name']) {
      const exact = await call<Page>(t.app, 'GET', `/api/v1/customers?q=Page&sort=${sort}&limit=500`);
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: Page } = await call<Page>(t.app, 'GET', `/api/v1/customers?q=Page&sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(exact.body.items.map((i) => i.id));
      expect(new Set(seen).size).toBe(23);
    }
  });

  it('M2.b: groups by any column with counts and labels from the server, one and two levels', async () => {
    const partner = await dictId(t.app, 'customer-type', 'partner');
    const seoul = await dictId(t.app, 'region', 'seoul');
    await createCustomer(t.app, { name: 'Group 1', typeId: partner, regionId: seoul });
    await createCustomer(t.app, { name: 'Group 2', typeId: partner });
    await createCustomer(t.app, { name: 'Group 3' });
    const one = await call<Groups>(t.app, 'GET', '/api/v1/customers?q=Group&groupBy=typeId&locale=ko');
    expect(one.body.groups).toEqual([{ value: partner, label: '파트너', count: 2 }, { value: null, label: null, count: 1 }]);
    expect(one.body.total).toBe(3);
    const two = await call<Groups>(t.app, 'GET', '/api/v1/customers?q=Group&groupBy=typeId,regionId&locale=zh-CN');
    expect(two.body.groups[0]).toMatchObject({ label: '合作伙伴', count: 2, groups: [{ value: seoul, label: '首尔', count: 1 }, { value: null, label: null, count: 1 }] });
    const byOwner = await call<Groups>(t.app, 'GET', '/api/v1/customers?q=Group&groupBy=ownerId');
    expect(byOwner.body.groups).toEqual([{ value: 1, label: 'Local user', count: 3 }]);
    const byName = await call<Groups>(t.app, 'GET', '/api/v1/customers?q=Group&groupBy=name');
    expect(byName.body.groups.map((g) => g.label)).toEqual(['Group 1', 'Group 2', 'Group 3']);
    const empty = await call<Page>(t.app, 'GET', '/api/v1/customers?q=Group&filter[typeId][empty]=1');
    expect(empty.body.items.map((i) => i.name)).toEqual(['Group 3']);
  });

  it('M8.d-style export: CSV with BOM and neutralised formulas, XLSX that reads back with numbers and Korean intact', async () => {
    await createCustomer(t.app, { name: '=HYPERLINK("http://evil")', notes: '+cmd', city: '서울' });
    await createCustomer(t.app, { name: '수출 테스트', phone: '-1', city: '서울' });
    const csv = await t.app.inject({ url: '/api/v1/customers/export?format=csv&filter[city]=서울&locale=ko&sort=name' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.body).toContain("'+cmd");
    expect(csv.body).toContain("'-1");
    expect(csv.body).toContain('수출 테스트');
    expect(csv.body.split('\r\n')[0]).toContain('고객명');
    const xlsx = await t.app.inject({ url: '/api/v1/customers/export?format=xlsx&filter[city]=서울' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf('ID') + 1;
    const createdCol = header.indexOf('Created') + 1;
    expect(typeof ws.getRow(2).getCell(idCol).value).toBe('number');
    expect(ws.getRow(2).getCell(createdCol).value).toBeInstanceOf(Date);
    const names = [ws.getRow(2).getCell(2).value, ws.getRow(3).getCell(2).value];
    expect(names).toContain('수출 테스트');
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
    const badFormat = await call<Problem>(t.app, 'GET', '/api/v1/customers/export?format=pdf');
    expect(badFormat.status).toBe(400);
  });

  it('serves health, OpenAPI and docs; answers problem+json for bad URLs and foreign hosts', async () => {
    expect((await call(t.app, 'GET', '/api/health')).body).toEqual({ status: 'ok' });
    const openapi = await call<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(t.app, 'GET', '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/customers/{id}');
    expect(openapi.body.components.schemas).toHaveProperty('CustomerCreate');
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
    const pct = await call<Problem>(t.app, 'GET', '/api/v1/customers/%zz');
    expect(pct.status).toBe(400);
    expect(pct.headers['content-type']).toMatch(/problem\+json/);
    expect((await call(t.app, 'GET', '/api/v1/customers/abc')).status).toBe(404);
    expect((await call(t.app, 'GET', '/api/v1/nothing')).status).toBe(404);
    const foreign = await t.app.inject({ url: '/api/health', headers: { host: 'evil.example:3000' } });
    expect(foreign.statusCode).toBe(421);
    const badJson = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toMatch(/problem\+json/);
  });
});
