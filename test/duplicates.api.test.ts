import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainKey, emailKey, nameKey, phoneKey } from '../src/server/core/duplicates/normalise.js';
import { combineScores } from '../src/server/core/duplicates/rules.js';
import { createActivity, createContact, createCustomer, createGroup, createOpportunity, createProduct, createSale, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Problem } from './support/http.js';
import { upload } from './support/multipart.js';
import { as, makeRole, makeTeam, makeUser, roleId, setupAdmin, type Session } from './support/accounts.js';
import { builtInPermissions } from '../src/server/auth/built-in-roles.js';

type Rec = Record<string, unknown> & { id: number; version: number };
interface Reason { rule: string; field: string; value: string; score: number }
interface Group { key: string; score: number; records: { id: number; title: string; version: number; values: Rec }[]; reasons: Reason[] }
interface Merge { id: number; entity: string; survivorId: number; mergedIds: number[]; moved: { entity: string; field: string; count: number }[]; undoneAt: string | null; createdByName: string | null }

describe('match keys', () => {
  it('phones: Korean national and international forms, Chinese +86, extensions left out, short numbers ignored', () => {
    for (const p of ['010-1234-5678', '+82 10-1234-5678', '82-10-1234-5678', '+82 (0)10 1234 5678', '0082 10 1234 5678', '010.1234.5678']) expect(phoneKey(p), p).toBe('1012345678');
    for (const p of ['+86 138 1234 5678', '138-1234-5678', '0086 13812345678', '86 138 1234 5678']) expect(phoneKey(p), p).toBe('13812345678');
    expect(phoneKey('02-123-4567 내선 12')).toBe(phoneKey('+82 2 123 4567'));
    expect(phoneKey('+1 (415) 555-0100 ext. 7')).toBe('4155550100');
    expect(phoneKey('+852 2123 4567')).toBe('21234567');
    for (const p of ['1234', '', '내선', null, 42]) expect(phoneKey(p)).toBeNull();
  });

  it('emails: trimmed and lower-cased; Gmail dots are not special', () => {
    expect(emailKey(' Kim.MinSu@Example.COM ')).toBe('kim.minsu@example.com');
    expect(emailKey('kimminsu@gmail.com')).not.toBe(emailKey('kim.minsu@gmail.com'));
    expect(emailKey('ｋｉｍ＠ｅｘａｍｐｌｅ.ｃｏｍ')).toBe('kim@example.com');
    for (const e of ['nope', '@x.com', 'a@', 'a b@c.d']) expect(emailKey(e)).toBeNull();
  });

  it('websites: the host without scheme, www., port or path', () => {
    for (const w of ['https://WWW.Samsung.com:443/sec/', 'samsung.com', 'http://samsung.com?x=1', 'www.samsung.com.', '//samsung.com/kr']) expect(domainKey(w), w).toBe('samsung.com');
    expect(domainKey('https://www.huawei.com.cn/zh')).toBe('huawei.com.cn');
    for (const w of ['localhost', 'not a site', '']) expect(domainKey(w)).toBeNull();
  });

  it('names: Korean, Chinese and English company forms removed; width, case, punctuation and spacing ignored', () => {
    const samsung = nameKey('삼성전자');
    for (const n of ['(주)삼성전자', '㈜삼성전자', '삼성 전자 주식회사', '주식회사 삼성전자', '삼성전자(주)', '（주）삼성전자']) expect(nameKey(n), n).toBe(samsung);
    const en = nameKey('samsung electronics');
    for (const n of ['Samsung Electronics Co., Ltd.', 'SAMSUNG ELECTRONICS CO.,LTD', 'Samsung Electronics Inc.', 'Ｓａｍｓｕｎｇ Ｅｌｅｃｔｒｏｎｉｃｓ', 'Samsung-Electronics Corp.']) expect(nameKey(n), n).toBe(en);
    for (const n of ['华为技术有限公司', '华为技术股份有限公司', '华为 技术 有限责任公司', '華為技術有限公司'.normalize('NFKC')]) expect(nameKey(n)?.startsWith(n.startsWith('華') ? '華為' : '华为'), n).toBe(true);
    expect(nameKey('华为技术有限公司')).toBe(nameKey('华为技术'));
    expect(nameKey('Zinc Inc.')).toBe('zinc');
    expect(nameKey('LG Display Co., Ltd.')).toBe(nameKey('LG디스플레이') === nameKey('lgdisplay') ? 'lgdisplay' : 'lgdisplay');
    for (const n of ['주식회사', '(주)', 'Co., Ltd.', '']) expect(nameKey(n)).toBeNull();
  });

  it('scores combine as independent evidence, capped at 100', () => {
    expect(combineScores([90])).toBe(90);
    expect(combineScores([90, 80])).toBe(98);
    expect(combineScores([80, 70])).toBe(94);
    expect(combineScores([90, 80, 70, 60])).toBeLessThanOrEqual(100);
  });
});

describe.each(DATABASES)('duplicates and merge API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const scan = async (path = 'customers', qs = 'limit=100') => {
    const res = await call<{ items: Group[]; nextCursor: string | null }>(t.app, 'GET', `/api/v1/${path}/duplicates?${qs}`);
    expect(res.status, res.raw).toBe(200);
    return res.body;
  };
  const groupWith = (groups: Group[], id: number) => groups.find((g) => g.records.some((r) => r.id === id));

  it('the scan finds "(주)삼성전자", "삼성 전자 주식회사" and "Samsung Electronics Co., Ltd." sharing a phone and an email, explained', async () => {
    const a = await createCustomer(t.app, { name: '(주)삼성전자', phone: '02-2255-0114', email: 'Contact@Samsung.com' });
    const b = await createCustomer(t.app, { name: '삼성 전자 주식회사', phone: '+82 2-2255-0114', email: 'contact@samsung.com', website: 'https://www.samsung.com/sec' });
    const c = await createCustomer(t.app, { name: 'Samsung Electronics Co., Ltd.', phone: '82-2-2255-0114', email: ' CONTACT@samsung.com', website: 'http://samsung.com' });
    const { items } = await scan();
    const g = groupWith(items, a.id);
    expect(g, JSON.stringify(items)).toBeDefined();
    expect(g?.records.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    expect(g?.reasons.map((r) => r.rule)).toEqual(['email', 'phone']);
    expect(g?.score).toBe(98);
    expect(g?.records[0]).toMatchObject({ title: '(주)삼성전자', version: 1 });
    expect(g?.records[0].values.name).toBe('(주)삼성전자');
    // The same three are one group, not one per rule.
    expect(items.filter((x) => x.records.some((r) => r.id === a.id))).toHaveLength(1);
    // The Korean two also share a name key, the group by name is covered by the stronger one.
    const bc = items.filter((x) => x.records.some((r) => r.id === b.id));
    expect(bc).toHaveLength(1);

    const check = await call<{ matches: { id: number; score: number; reasons: Reason[]; title: string }[] }>(t.app, 'POST', '/api/v1/customers/duplicates/check', { name: '삼성전자', phone: '010-9999-0000', email: 'contact@SAMSUNG.com' });
    expect(check.status, check.raw).toBe(200);
    expect(check.body.matches.map((m) => m.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const first = check.body.matches.find((m) => m.id === a.id);
    expect(first?.reasons.map((r) => r.rule).sort()).toEqual(['email', 'name']);
    expect(first?.score).toBe(97);
    const excluded = await call<{ matches: { id: number }[] }>(t.app, 'POST', '/api/v1/customers/duplicates/check', { email: 'contact@samsung.com', excludeId: a.id });
    expect(excluded.body.matches.map((m) => m.id)).not.toContain(a.id);
    expect((await call<{ matches: unknown[] }>(t.app, 'POST', '/api/v1/customers/duplicates/check', { name: 'Nobody Like This' })).body.matches).toEqual([]);
  });

  it('an edit re-keys the record; a record in Trash is not in the scan; "not duplicates" is remembered', async () => {
    const a = await createCustomer(t.app, { name: 'Hanwha Ocean', phone: '055-735-2114' });
    const b = await createCustomer(t.app, { name: 'Daewoo Shipbuilding', phone: '010-1111-2222' });
    expect(groupWith((await scan()).items, a.id)).toBeUndefined();
    const edited = await call<Rec>(t.app, 'PATCH', `/api/v1/customers/${b.id}`, { phone: '+82 55 735 2114', version: b.version });
    expect(edited.status).toBe(200);
    expect(groupWith((await scan()).items, a.id)?.records.map((r) => r.id)).toEqual([a.id, b.id]);
    await call(t.app, 'DELETE', `/api/v1/customers/${b.id}`);
    expect(groupWith((await scan()).items, a.id)).toBeUndefined();
    await call(t.app, 'POST', `/api/v1/customers/${b.id}/restore`);
    expect(groupWith((await scan()).items, a.id)).toBeDefined();
    const dismissed = await call(t.app, 'POST', '/api/v1/customers/duplicates/dismiss', { ids: [b.id, a.id] });
    expect(dismissed.status, dismissed.raw).toBe(204);
    expect(groupWith((await scan()).items, a.id)).toBeUndefined();
    // Dismissing again is harmless; a third record with the number makes a group of it with both.
    expect((await call(t.app, 'POST', '/api/v1/customers/duplicates/dismiss', { ids: [a.id, b.id] })).status).toBe(204);
    const c = await createCustomer(t.app, { name: 'Hanwha Ocean Co., Ltd.', phone: '0557352114' });
    const g = groupWith((await scan()).items, c.id);
    expect(g?.records.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  it('the scan pages with a cursor and honours minScore', async () => {
    for (let i = 0; i < 3; i += 1) {
      await createCustomer(t.app, { name: `Paging ${i}`, email: `paging${i}@example.org` });
      await createCustomer(t.app, { name: `Paging copy ${i}`, email: `PAGING${i}@example.org` });
    }
    const all = (await scan()).items;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const page: { items: Group[]; nextCursor: string | null } = await scan('customers', `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((g) => g.key));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((g) => g.key));
    const strong = (await scan('customers', 'limit=100&minScore=95')).items;
    expect(strong.every((g) => g.score >= 95)).toBe(true);
    expect(strong.length).toBeLessThan(all.length);
  });

  it('merge moves contacts, activities, opportunities, sales, service feedback, expenses, group memberships and attachments; one primary contact stays; undo puts everything back', async () => {
    const groupA = await createGroup(t.app);
    const groupB = await createGroup(t.app);
    const survivor = await createCustomer(t.app, { name: 'LG전자', phone: '02-3777-1114', groupIds: [groupA.id] });
    const other = await createCustomer(t.app, { name: 'LG Electronics Inc.', phone: '+82 2 3777 1114', website: 'https://lg.com', groupIds: [groupA.id, groupB.id] });
    const third = await createCustomer(t.app, { name: '(주)LG전자', email: 'info@lg.com' });
    const keep = await createContact(t.app, survivor.id, { name: '김민수' });
    const moved = await createContact(t.app, other.id, { name: '이영희' });
    const second = await createContact(t.app, other.id, { name: '박지훈' });
    const thirdPrimary = await createContact(t.app, third.id, { name: '王芳' });
    expect([keep.isPrimary, moved.isPrimary, second.isPrimary, thirdPrimary.isPrimary]).toEqual([true, true, false, true]);
    const activity = await createActivity(t.app, { customerId: other.id, contactId: moved.id });
    const opportunity = await createOpportunity(t.app, other.id);
    const sale = await createSale(t.app, third.id);
    const feedback = await call<Rec>(t.app, 'POST', '/api/v1/service-feedback', { subject: 'Screen flickers', customerId: other.id });
    expect(feedback.status, feedback.raw).toBe(201);
    const travel = await dictId(t.app, 'expense-category', 'travel');
    const expense = await call<Rec>(t.app, 'POST', '/api/v1/expenses', { description: 'Visit', categoryId: travel, amount: 10_000, customerId: third.id });
    expect(expense.status, expense.raw).toBe(201);
    const file = await upload<{ items: { id: number }[] }>(t.app, `/api/v1/customers/${other.id}/attachments`, [{ name: 'contract.txt', data: 'signed', type: 'text/plain' }]);
    expect(file.status, file.raw).toBeLessThan(300);

    const res = await call<{ merge: Merge; record: Rec }>(t.app, 'POST', `/api/v1/customers/${survivor.id}/merge`, { fromIds: [other.id, third.id], values: { website: 'https://www.lg.com', email: 'info@lg.com', name: 'LG Electronics' }, version: survivor.version });
    expect(res.status, res.raw).toBe(200);
    const { merge, record } = res.body;
    expect(record).toMatchObject({ id: survivor.id, name: 'LG Electronics', website: 'https://www.lg.com', email: 'info@lg.com', phone: '02-3777-1114' });
    expect((record.groupIds as number[]).slice().sort()).toEqual([groupA.id, groupB.id].sort());
    expect(merge).toMatchObject({ entity: 'customer', survivorId: survivor.id, mergedIds: [other.id, third.id], undoneAt: null });
    const count = (entity: string, field: string) => merge.moved.find((m) => m.entity === entity && m.field === field)?.count;
    expect(count('contact', 'customerId')).toBe(3);
    expect(count('activity', 'customerId')).toBe(1);
    expect(count('opportunity', 'customerId')).toBe(1);
    expect(count('sale', 'customerId')).toBe(1);
    expect(count('serviceFeedback', 'customerId')).toBe(1);
    expect(count('expense', 'customerId')).toBe(1);
    expect(count('customer', 'groupIds')).toBe(2);
    expect(count('customer', 'attachments')).toBe(1);

    const contacts = (await call<{ items: Rec[] }>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${survivor.id}&limit=50`)).body.items;
    expect(contacts.map((c) => c.id).sort()).toEqual([keep.id, moved.id, second.id, thirdPrimary.id].sort());
    expect(contacts.filter((c) => c.isPrimary).map((c) => c.id)).toEqual([keep.id]);
    for (const [path, id] of [['activities', activity.id], ['opportunities', opportunity.id], ['sales', sale.id], ['service-feedback', feedback.body.id], ['expenses', expense.body.id]] as const) {
      const r = await call<Rec>(t.app, 'GET', `/api/v1/${path}/${id}`);
      expect(r.body.customerId, path).toBe(survivor.id);
    }
    const members = await call<{ items: Rec[] }>(t.app, 'GET', `/api/v1/customer-groups/${groupA.id}/members?limit=100`);
    expect(members.body.items.filter((m) => m.id === survivor.id)).toHaveLength(1);
    expect((await call<{ memberCount: number }>(t.app, 'GET', `/api/v1/customer-groups/${groupA.id}`)).body.memberCount).toBe(1);
    const files = await call<{ items: { id: number }[] }>(t.app, 'GET', `/api/v1/customers/${survivor.id}/attachments`);
    expect(files.body.items).toHaveLength(1);
    for (const id of [other.id, third.id]) expect((await call(t.app, 'GET', `/api/v1/customers/${id}`)).status).toBe(404);
    const trash = await call<{ items: Rec[] }>(t.app, 'GET', '/api/v1/customers?trash=1&limit=500');
    expect(trash.body.items.map((r) => r.id)).toEqual(expect.arrayContaining([other.id, third.id]));
    const listed = await call<{ items: Merge[] }>(t.app, 'GET', '/api/v1/merges?entity=customer');
    expect(listed.body.items[0]).toMatchObject({ id: merge.id, survivorId: survivor.id });
    const audit = await call<{ items: { action: string; recordId: number }[] }>(t.app, 'GET', `/api/v1/customers/${other.id}/changes`);
    expect(audit.status).toBe(200);

    // Edited after the merge: the email is kept by undo and reported; the rest goes back.
    const now = (await call<Rec>(t.app, 'GET', `/api/v1/customers/${survivor.id}`)).body;
    expect((await call(t.app, 'PATCH', `/api/v1/customers/${survivor.id}`, { email: 'edited@lg.com', version: now.version })).status).toBe(200);
    const undo = await call<{ merge: Merge; record: Rec; kept: string[] }>(t.app, 'POST', `/api/v1/merges/${merge.id}/undo`);
    expect(undo.status, undo.raw).toBe(200);
    expect(undo.body.kept).toEqual(['email']);
    expect(undo.body.record).toMatchObject({ name: 'LG전자', website: null, email: 'edited@lg.com', groupIds: [groupA.id] });
    expect(undo.body.merge.undoneAt).not.toBeNull();
    const back = (path: string) => call<{ items: Rec[] }>(t.app, 'GET', `/api/v1/${path}&limit=100`);
    expect((await back(`contacts?filter[customerId]=${other.id}`)).body.items.map((c) => [c.id, c.isPrimary])).toEqual(expect.arrayContaining([[moved.id, true], [second.id, false]]));
    expect((await back(`contacts?filter[customerId]=${third.id}`)).body.items.map((c) => [c.id, c.isPrimary])).toEqual([[thirdPrimary.id, true]]);
    expect((await back(`contacts?filter[customerId]=${survivor.id}`)).body.items.map((c) => c.id)).toEqual([keep.id]);
    expect((await call<Rec>(t.app, 'GET', `/api/v1/activities/${activity.id}`)).body.customerId).toBe(other.id);
    expect((await call<Rec>(t.app, 'GET', `/api/v1/sales/${sale.id}`)).body.customerId).toBe(third.id);
    expect((await call<Rec>(t.app, 'GET', `/api/v1/expenses/${expense.body.id}`)).body.customerId).toBe(third.id);
    const restored = await call<Rec>(t.app, 'GET', `/api/v1/customers/${other.id}`);
    expect(restored.status).toBe(200);
    expect((restored.body.groupIds as number[]).slice().sort()).toEqual([groupA.id, groupB.id].sort());
    expect((await call<{ items: unknown[] }>(t.app, 'GET', `/api/v1/customers/${other.id}/attachments`)).body.items).toHaveLength(1);
    expect((await call<{ items: unknown[] }>(t.app, 'GET', `/api/v1/customers/${survivor.id}/attachments`)).body.items).toHaveLength(0);
    expect((await call<{ memberCount: number }>(t.app, 'GET', `/api/v1/customer-groups/${groupA.id}`)).body.memberCount).toBe(2);
    const again = await call<Problem>(t.app, 'POST', `/api/v1/merges/${merge.id}/undo`);
    expect(again.status).toBe(409);
  });

  it('merging products moves their opportunity and sale lines and service feedback', async () => {
    const [p1, p2] = [await createProduct(t.app, { name: 'Galaxy Book' }), await createProduct(t.app, { name: 'Galaxy Book 갤럭시북' })];
    const customer = await createCustomer(t.app);
    const opp = await createOpportunity(t.app, customer.id, { lines: [{ productId: p2.id, quantity: 1 }, { productId: p1.id, quantity: 2 }] });
    const res = await call<{ merge: Merge }>(t.app, 'POST', `/api/v1/products/${p1.id}/merge`, { fromIds: [p2.id] });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.merge.moved).toEqual(expect.arrayContaining([{ entity: 'opportunity', field: 'lines', count: 1 }]));
    const lines = (await call<{ lines: { productId: number }[] }>(t.app, 'GET', `/api/v1/opportunities/${opp.id}`)).body.lines;
    expect(lines.map((l) => l.productId)).toEqual([p1.id, p1.id]);
    expect((await call(t.app, 'POST', `/api/v1/merges/${res.body.merge.id}/undo`)).status).toBe(200);
    const after = (await call<{ lines: { productId: number }[] }>(t.app, 'GET', `/api/v1/opportunities/${opp.id}`)).body.lines;
    expect(after.map((l) => l.productId)).toEqual([p2.id, p1.id]);
  });

  it('a merge that fails writes nothing: a stale version is a 409, bad values a 400', async () => {
    const a = await createCustomer(t.app, { name: 'Stale One' });
    const b = await createCustomer(t.app, { name: 'Stale Two' });
    const contact = await createContact(t.app, b.id);
    const stale = await call<Problem>(t.app, 'POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], values: {}, version: a.version + 5 });
    expect(stale.status).toBe(409);
    const bad = await call<Problem>(t.app, 'POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], values: { name: '' } });
    expect(bad.status).toBe(400);
    expect((await call<Rec>(t.app, 'GET', `/api/v1/contacts/${contact.id}`)).body.customerId).toBe(b.id);
    expect((await call(t.app, 'GET', `/api/v1/customers/${b.id}`)).status).toBe(200);
  });

  it('hostile input is a 400 or 404, never a 500', async () => {
    const a = await createCustomer(t.app);
    const b = await createCustomer(t.app);
    const cases: [string, string, unknown][] = [
      ['POST', `/api/v1/customers/${a.id}/merge`, {}],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [] }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [a.id] }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: ['1'] }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], values: { nope: 1 } }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], values: { __proto__: 1, groupIds: [1] } }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], values: { memberCount: 1 } }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [b.id], extra: true }],
      ['POST', `/api/v1/customers/${a.id}/merge`, { fromIds: [99_999_999] }],
      ['POST', '/api/v1/customers/0/merge', { fromIds: [b.id] }],
      ['POST', '/api/v1/customers/duplicates/dismiss', { ids: [a.id] }],
      ['POST', '/api/v1/customers/duplicates/dismiss', { ids: [a.id, a.id] }],
      ['POST', '/api/v1/customers/duplicates/dismiss', { ids: [a.id, 99_999_999] }],
      ['POST', '/api/v1/customers/duplicates/check', [1, 2]],
      ['POST', '/api/v1/customers/duplicates/check', { excludeId: 'x' }],
      ['GET', '/api/v1/customers/duplicates?cursor=%%%', undefined],
      ['GET', '/api/v1/customers/duplicates?cursor=WzksIngiXQ', undefined],
      ['GET', '/api/v1/customers/duplicates?limit=0', undefined],
      ['GET', '/api/v1/customers/duplicates?minScore=101', undefined],
      ['GET', '/api/v1/customers/duplicates?nope=1', undefined],
      ['GET', '/api/v1/merges', undefined],
      ['GET', '/api/v1/merges?entity=nope', undefined],
      ['POST', '/api/v1/merges/99999999/undo', undefined],
      ['POST', '/api/v1/merges/abc/undo', undefined],
    ];
    for (const [method, url, body] of cases) {
      const res = await call<Problem>(t.app, method as 'GET' | 'POST', url, body);
      expect([400, 404], `${method} ${url} ${JSON.stringify(body)}: ${res.raw}`).toContain(res.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe.each(DATABASES)('duplicates and merge access on $name', (database) => {
  let t: TestApp;
  let admin: Session;
  let x1: Session; let x2: Session; let y: Session; let noEmail: Session; let viewer: Session;
  beforeAll(async () => {
    t = await startApp(database);
    admin = await setupAdmin(t.app);
    const rep = await roleId(t.app, admin, 'salesRep');
    const [teamX, teamY] = [await makeTeam(t.app, admin, 'X'), await makeTeam(t.app, admin, 'Y')];
    x1 = await makeUser(t.app, admin, 'x1@example.com', [rep], teamX);
    x2 = await makeUser(t.app, admin, 'x2@example.com', [rep], teamX);
    y = await makeUser(t.app, admin, 'y@example.com', [rep], teamY);
    const hidden = builtInPermissions('administrator');
    const role = await makeRole(t.app, admin, 'No email', { ...hidden, special: [], fields: { customer: { email: 'hidden' } } });
    noEmail = await makeUser(t.app, admin, 'ne@example.com', [role]);
    viewer = await makeUser(t.app, admin, 'v@example.com', [await roleId(t.app, admin, 'viewer')]);
  });
  afterAll(async () => { await t?.close(); });

  const make = async (who: Session, body: Record<string, unknown>) => {
    const res = await as<Rec>(t.app, who, 'POST', '/api/v1/customers', body);
    expect(res.status, res.raw).toBe(201);
    return res.body;
  };

  it('scans and checks show only readable records; merge needs edit on the survivor and delete on the others (404 unreadable, 403 not allowed); hidden fields never explain or leak', async () => {
    const a1 = await make(x1, { name: 'Kakao Corp.', phone: '02-6718-1082', email: 'biz@kakao.com' });
    const a2 = await make(x1, { name: '주식회사 카카오', phone: '+82 2 6718 1082', email: 'biz@kakao.com' });
    const mine2 = await make(x2, { name: 'Kakao', phone: '0267181082' });
    const b1 = await make(y, { name: 'Kakao', phone: '82-2-6718-1082' });

    const seenBy = async (who: Session) => {
      const res = await as<{ items: Group[] }>(t.app, who, 'GET', '/api/v1/customers/duplicates');
      expect(res.status, res.raw).toBe(200);
      return res.body.items.flatMap((g) => g.records.map((r) => r.id));
    };
    expect(await seenBy(x1)).toEqual(expect.arrayContaining([a1.id, a2.id, mine2.id]));
    expect(await seenBy(x1)).not.toContain(b1.id);
    expect(await seenBy(y)).toEqual([]);
    const check = await as<{ matches: { id: number }[] }>(t.app, y, 'POST', '/api/v1/customers/duplicates/check', { phone: '010-0000-0000', name: 'kakao' });
    expect(check.body.matches.map((m) => m.id)).toEqual([b1.id]);

    // The hidden email neither groups nor shows; the same records still group by phone.
    const hiddenScan = await as<{ items: Group[] }>(t.app, noEmail, 'GET', '/api/v1/customers/duplicates');
    expect(hiddenScan.raw).not.toContain('biz@kakao.com');
    expect(hiddenScan.body.items.flatMap((g) => g.reasons.map((r) => r.rule))).not.toContain('email');
    expect(hiddenScan.body.items.some((g) => g.records.some((r) => r.id === a1.id))).toBe(true);
    const hiddenCheck = await as<{ matches: unknown[] }>(t.app, noEmail, 'POST', '/api/v1/customers/duplicates/check', { email: 'biz@kakao.com' });
    expect(hiddenCheck.body.matches).toEqual([]);
    const hiddenValue = await as<Problem>(t.app, noEmail, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [a2.id], values: { email: 'x@kakao.com' } });
    expect(hiddenValue.status).toBe(400);

    expect((await as(t.app, x1, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [b1.id] })).status).toBe(404);
    expect((await as(t.app, y, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [b1.id] })).status).toBe(404);
    expect((await as(t.app, x2, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [mine2.id] })).status).toBe(403);
    expect((await as(t.app, x2, 'POST', `/api/v1/customers/${mine2.id}/merge`, { fromIds: [a1.id] })).status).toBe(403);
    expect((await as(t.app, viewer, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [a2.id] })).status).toBe(403);
    expect((await as(t.app, viewer, 'POST', '/api/v1/customers/duplicates/dismiss', { ids: [a1.id, a2.id] })).status).toBe(403);
    expect((await as(t.app, x2, 'POST', '/api/v1/customers/duplicates/dismiss', { ids: [a1.id, mine2.id] })).status).toBe(403);
    expect((await as(t.app, y, 'POST', '/api/v1/customers/duplicates/dismiss', { ids: [a1.id, b1.id] })).status).toBe(400);

    const ok = await as<{ merge: Merge }>(t.app, x1, 'POST', `/api/v1/customers/${a1.id}/merge`, { fromIds: [a2.id] });
    expect(ok.status, ok.raw).toBe(200);
    expect((await as<{ items: Merge[] }>(t.app, y, 'GET', '/api/v1/merges?entity=customer')).body.items).toEqual([]);
    expect((await as<{ items: Merge[] }>(t.app, x2, 'GET', '/api/v1/merges?entity=customers')).body.items.map((m) => m.id)).toEqual([ok.body.merge.id]);
    expect((await as(t.app, y, 'POST', `/api/v1/merges/${ok.body.merge.id}/undo`)).status).toBe(404);
    expect((await as(t.app, x2, 'POST', `/api/v1/merges/${ok.body.merge.id}/undo`)).status).toBe(403);
    expect((await as(t.app, viewer, 'POST', `/api/v1/merges/${ok.body.merge.id}/undo`)).status).toBe(403);
    expect((await as(t.app, x1, 'POST', `/api/v1/merges/${ok.body.merge.id}/undo`)).status).toBe(200);
  });
});
