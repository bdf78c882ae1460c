import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createGroup } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';

type Group = Record<string, unknown> & { id: number; version: number; name: string; memberCount: number };
type Counts = { added?: number; removed?: number; memberCount: number };

describe.each(DATABASES)('customer groups API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const members = async (groupId: number, qs = '') => (await call<Page>(t.app, 'GET', `/api/v1/customer-groups/${groupId}/members?limit=500${qs}`)).body.items.map((i) => i.id).sort();
  const countOf = async (groupId: number) => (await call<Group>(t.app, 'GET', `/api/v1/customer-groups/${groupId}`)).body.memberCount;

  it('M3.a: the manual\'s five groups are seeded in its order, with distinct colours, named in the request\'s language', async () => {
    const en = await call<{ items: Group[] }>(t.app, 'GET', '/api/v1/customer-groups');
    expect(en.body.items.slice(0, 5).map((g) => g.name)).toEqual(['Key customers', 'Important customers', 'Special customers', 'Potential customers', 'Suppliers']);
    expect(new Set(en.body.items.slice(0, 5).map((g) => g.color)).size).toBe(5);
    expect(en.body.items[0]).toMatchObject({ memberCount: 0, description: null, position: 10 });
    const ko = await call<{ items: Group[] }>(t.app, 'GET', '/api/v1/customer-groups?locale=ko');
    expect(ko.body.items.slice(0, 5).map((g) => g.name)).toEqual(['주요 고객', '중요 고객', '특별 고객', '잠재 고객', '공급업체']);
    const zh = await t.app.inject({ url: `/api/v1/customer-groups/${en.body.items[4].id}`, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(JSON.parse(zh.body).name).toBe('供应商');
    // Search finds a seeded group by any of its names.
    expect((await call<Page>(t.app, 'GET', `/api/v1/customer-groups?q=${encodeURIComponent('주요')}`)).body.items.map((g) => g.id)).toEqual([en.body.items[0].id]);
  });

  it('M3.b: POST and DELETE members are bulk and idempotent, and answer with the member count', async () => {
    const g = await createGroup(t.app);
    const [a, b] = [await createCustomer(t.app), await createCustomer(t.app)];
    const add = async () => call<Counts>(t.app, 'POST', `/api/v1/customer-groups/${g.id}/members`, { customerIds: [a.id, b.id, a.id] });
    expect((await add()).body).toEqual({ added: 2, memberCount: 2 });
    expect((await add()).body).toEqual({ added: 0, memberCount: 2 });
    expect(await members(g.id)).toEqual([a.id, b.id].sort());
    const remove = async () => t.app.inject({ method: 'DELETE', url: `/api/v1/customer-groups/${g.id}/members`, payload: { customerIds: [a.id] } });
    expect(JSON.parse((await remove()).body)).toEqual({ removed: 1, memberCount: 1 });
    expect(JSON.parse((await remove()).body)).toEqual({ removed: 0, memberCount: 1 });
    expect(await countOf(g.id)).toBe(1);
  });

  it('M3.b: unknown or deleted customer ids are a 400 naming customerIds and the bad ids; nothing is written', async () => {
    const g = await createGroup(t.app);
    const a = await createCustomer(t.app);
    const gone = await createCustomer(t.app);
    await call(t.app, 'DELETE', `/api/v1/customers/${gone.id}`);
    const res = await call<Problem>(t.app, 'POST', `/api/v1/customer-groups/${g.id}/members`, { customerIds: [a.id, 987654, gone.id] });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].field).toBe('customerIds');
    expect(res.body.errors?.[0].message).toContain('987654');
    expect(res.body.errors?.[0].message).toContain(String(gone.id));
    expect(await countOf(g.id)).toBe(0);
    for (const bad of [{}, { customerIds: [] }, { customerIds: ['x'] }, { customerIds: [1], extra: 1 }]) {
      expect((await call(t.app, 'POST', `/api/v1/customer-groups/${g.id}/members`, bad)).status).toBe(400);
    }
    expect((await call(t.app, 'POST', '/api/v1/customer-groups/999999/members', { customerIds: [a.id] })).status).toBe(404);
  });

  it('M3.a: customers carry groupIds with labels, and filter[group] / groupBy=group work on the customer list', async () => {
    const [g1, g2] = [await createGroup(t.app, { name: 'Filter G1' }), await createGroup(t.app, { name: 'Filter G2' })];
    const tag = `grp${Date.now()}`;
    const [a, b, c] = [await createCustomer(t.app, { city: tag }), await createCustomer(t.app, { city: tag }), await createCustomer(t.app, { city: tag })];
    await call(t.app, 'POST', `/api/v1/customer-groups/${g1.id}/members`, { customerIds: [a.id, b.id] });
    await call(t.app, 'POST', `/api/v1/customer-groups/${g2.id}/members`, { customerIds: [b.id] });
    const rec = await call(t.app, 'GET', `/api/v1/customers/${b.id}`);
    expect(rec.body.groupIds).toEqual([g1.id, g2.id]);
    expect(rec.body._labels).toMatchObject({ groupIds: ['Filter G1', 'Filter G2'] });
    const ids = async (qs: string) => (await call<Page>(t.app, 'GET', `/api/v1/customers?filter[city]=${tag}&${qs}`)).body.items.map((i) => i.id).sort();
    expect(await ids(`filter[group]=${g1.id}`)).toEqual([a.id, b.id].sort());
    expect(await ids(`filter[groupIds]=${g2.id}`)).toEqual([b.id]);
    expect(await ids(`filter[group][in]=${g1.id},${g2.id}`)).toEqual([a.id, b.id].sort());
    expect(await ids(`filter[group][ne]=${g1.id}`)).toEqual([c.id]);
    expect(await ids('filter[group][empty]=1')).toEqual([c.id]);
    expect(await ids('filter[group][empty]=0')).toEqual([a.id, b.id].sort());
    const grouped = await call<Groups>(t.app, 'GET', `/api/v1/customers?filter[city]=${tag}&groupBy=group`);
    expect(grouped.status, grouped.raw).toBe(200);
    expect(grouped.body.groups).toEqual([
      { value: g1.id, label: 'Filter G1', count: 2 },
      { value: g2.id, label: 'Filter G2', count: 1 },
      { value: null, label: null, count: 1 },
    ]);
    const sorted = await call<Problem>(t.app, 'GET', '/api/v1/customers?sort=group');
    expect(sorted.status).toBe(400);
    expect(sorted.body.errors?.[0].message).toContain('groupIds');
    expect((await call(t.app, 'GET', `/api/v1/customers?filter[group][contains]=1`)).status).toBe(400);
    const csv = await t.app.inject({ url: `/api/v1/customers/export?format=csv&filter[id]=${b.id}&columns=name,groupIds` });
    expect(csv.body).toContain('"Filter G1, Filter G2"');
  });

  it('M3.c: groupIds is written with a customer (the set is replaced in the same transaction); unknown groups are a 400', async () => {
    const [g1, g2] = [await createGroup(t.app), await createGroup(t.app)];
    const c = await createCustomer(t.app, { groupIds: [g2.id, g1.id] });
    expect(c.groupIds).toEqual([g1.id, g2.id].sort((x, y) => x - y));
    const patched = await call(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { groupIds: [g2.id], version: c.version });
    expect(patched.body.groupIds).toEqual([g2.id]);
    expect(await countOf(g1.id)).toBe(0);
    const bad = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { groupIds: [g1.id, 999999], version: patched.body.version });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['groupIds']);
    expect((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).body).toMatchObject({ groupIds: [g2.id], version: patched.body.version });
    const bodyError = await call<Problem>(t.app, 'POST', '/api/v1/customers', { name: 'X', groupIds: 'nope' });
    expect(bodyError.body.errors?.[0].field).toBe('groupIds');
  });

  it('M3: a group in Trash hides its memberships everywhere; restoring brings them back; customers are never deleted', async () => {
    const g = await createGroup(t.app, { name: 'Trash G' });
    const keep = await createGroup(t.app, { name: 'Keep G' });
    const c = await createCustomer(t.app, { groupIds: [g.id, keep.id] });
    expect((await call(t.app, 'DELETE', `/api/v1/customer-groups/${g.id}`)).status).toBe(204);
    const rec = await call(t.app, 'GET', `/api/v1/customers/${c.id}`);
    expect(rec.status).toBe(200);
    expect(rec.body.groupIds).toEqual([keep.id]);
    expect((await call<Page>(t.app, 'GET', `/api/v1/customers?filter[group]=${g.id}`)).body.items).toEqual([]);
    const grouped = await call<Groups>(t.app, 'GET', `/api/v1/customers?filter[id]=${c.id}&groupBy=group`);
    expect(grouped.body.groups.map((x) => x.value)).toEqual([keep.id]);
    expect((await call(t.app, 'GET', `/api/v1/customer-groups/${g.id}/members`)).status).toBe(404);
    // Editing the customer's groups meanwhile does not drop the hidden membership.
    await call(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { groupIds: [], version: rec.body.version });
    expect((await call(t.app, 'POST', `/api/v1/customer-groups/${g.id}/restore`)).status).toBe(200);
    expect((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).body.groupIds).toEqual([g.id]);
    expect(await countOf(g.id)).toBe(1);
    // A customer in Trash is not counted; restored, it is again.
    await call(t.app, 'DELETE', `/api/v1/customers/${c.id}`);
    expect(await countOf(g.id)).toBe(0);
    await call(t.app, 'POST', `/api/v1/customers/${c.id}/restore`);
    expect(await countOf(g.id)).toBe(1);
  });

  it('M3.b: PATCH members applies addMatching, add, remove in one transaction; a bad id half-way changes nothing', async () => {
    const g = await createGroup(t.app);
    const tag = `Match${Date.now()}`;
    const matched = [await createCustomer(t.app, { name: `${tag} 삼성 A` }), await createCustomer(t.app, { name: `${tag} 삼성 B` }), await createCustomer(t.app, { name: `${tag} 현대` })];
    const other = await createCustomer(t.app);
    const ok = await call<Counts>(t.app, 'PATCH', `/api/v1/customer-groups/${g.id}/members`, {
      addMatching: { q: `${tag} 삼성` }, add: [other.id], remove: [matched[1].id],
    });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.memberCount).toBe(2);
    expect(await members(g.id)).toEqual([matched[0].id, other.id].sort());
    // Valid adds first, then an unknown id in remove: the whole request is undone.
    const before = await members(g.id);
    const failed = await call<Problem>(t.app, 'PATCH', `/api/v1/customer-groups/${g.id}/members`, {
      addMatching: { q: tag }, add: [matched[1].id], remove: [other.id, 999999],
    });
    expect(failed.status).toBe(400);
    expect(failed.body.errors?.[0].field).toBe('remove');
    expect(await members(g.id)).toEqual(before);
    // Filters in a matching selection are checked like the list's.
    const badFilter = await call<Problem>(t.app, 'PATCH', `/api/v1/customer-groups/${g.id}/members`, { addMatching: { filter: { nope: '1' } } });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors?.[0].field).toMatch(/^addMatching\./);
    const byFilter = await call<Counts>(t.app, 'PATCH', `/api/v1/customer-groups/${g.id}/members`, { addMatching: { filter: { 'id[in]': `${matched[2].id}` } }, removeMatching: { q: `${tag} 삼성` } });
    expect(byFilter.body.memberCount).toBe(2);
    expect(await members(g.id)).toEqual([matched[2].id, other.id].sort());
    expect((await call<Counts>(t.app, 'PATCH', `/api/v1/customer-groups/${g.id}/members`, {})).body.memberCount).toBe(2);
  });

  it('M3.b: members and non-members page with the customer list\'s cursor, search and sort', async () => {
    const g = await createGroup(t.app);
    const tag = `Page${Date.now()}`;
    const all = [];
    for (let i = 0; i < 7; i++) all.push(await createCustomer(t.app, { name: `${tag} ${i}` }));
    await call(t.app, 'POST', `/api/v1/customer-groups/${g.id}/members`, { customerIds: all.slice(0, 3).map((c) => c.id) });
    const walk = async (path: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: Page } = await call<Page>(t.app, 'GET', `${path}?q=${tag}&sort=-name&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...res.body.items.map((i) => Number(i.id)));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk(`/api/v1/customer-groups/${g.id}/members`)).toEqual(all.slice(0, 3).map((c) => c.id).reverse());
    expect(await walk(`/api/v1/customer-groups/${g.id}/non-members`)).toEqual(all.slice(3).map((c) => c.id).reverse());
    const nm = await call<Page>(t.app, 'GET', `/api/v1/customer-groups/${g.id}/non-members?q=${tag}`);
    expect(nm.body.total).toBe(4);
    expect((await call(t.app, 'GET', `/api/v1/customer-groups/${g.id}/non-members?sort=nope`)).status).toBe(400);
  });

  it('renaming a seeded group shows the new name in every language; sending back the shown name keeps the translations', async () => {
    const list = await call<{ items: Group[] }>(t.app, 'GET', '/api/v1/customer-groups?locale=ko&limit=5');
    const special = list.body.items[2];
    const same = await call<Group>(t.app, 'PATCH', `/api/v1/customer-groups/${special.id}?locale=ko`, { name: '특별 고객', color: 'pink', version: special.version });
    expect(same.status, same.raw).toBe(200);
    expect(same.body.name).toBe('특별 고객');
    const renamed = await call<Group>(t.app, 'PATCH', `/api/v1/customer-groups/${special.id}?locale=ko`, { name: 'VIP', version: same.body.version });
    expect(renamed.body.name).toBe('VIP');
    for (const locale of ['en', 'ko', 'zh-CN']) expect((await call<Group>(t.app, 'GET', `/api/v1/customer-groups/${special.id}?locale=${locale}`)).body.name).toBe('VIP');
  });

  it('group names are unique among live groups; colours are validated', async () => {
    const g = await createGroup(t.app, { name: 'Unique G' });
    const dup = await call<Problem>(t.app, 'POST', '/api/v1/customer-groups', { name: 'Unique G' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ field: 'name', message: 'is already used by another record' }]);
    await call(t.app, 'DELETE', `/api/v1/customer-groups/${g.id}`);
    expect((await call(t.app, 'POST', '/api/v1/customer-groups', { name: 'Unique G' })).status).toBe(201);
    const restore = await call<Problem>(t.app, 'POST', `/api/v1/customer-groups/${g.id}/restore`);
    expect(restore.status).toBe(400);
    expect(restore.body.errors?.[0].field).toBe('name');
    const color = await call<Problem>(t.app, 'POST', '/api/v1/customer-groups', { name: 'Colour G', color: 'javascript:x' });
    expect(color.body.errors?.[0].field).toBe('color');
    expect((await call(t.app, 'POST', '/api/v1/customer-groups', { name: 'Hex G', color: '#12abEF' })).status).toBe(201);
  });
});
