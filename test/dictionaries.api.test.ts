import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createDictionaryValue, createOpportunity, createProduct, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { expectIntact } from './support/integrity.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';

interface Value {
  id: number; code: string; label: string; defaultLabel: string; labels: Record<string, string>; parentId: number | null;
  color: string | null; position: number; active: boolean; attributes: Record<string, unknown>; version: number;
}
interface Dictionary {
  key: string; name: string; hierarchical: boolean;
  attributes: { name: string; kind: string; options?: string[]; default: unknown }[];
  usedBy: { entity: string; field: string }[];
}
type Rec = Record<string, unknown> & { id: number; version: number; _labels: Record<string, string | null> };

const CATEGORY = 'product-category';
const STAGE = 'opportunity-stage';
const UNIT = 'product-unit';

describe.each(DATABASES)('dictionaries API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const values = async (key: string, locale = 'en') => (await call<{ items: Value[] }>(t.app, 'GET', `/api/v1/dictionaries/${key}/values?locale=${locale}`)).body.items;
  const value = async (key: string, id: number, locale = 'en') => (await call<Value>(t.app, 'GET', `/api/v1/dictionaries/${key}/values/${id}?locale=${locale}`)).body;
  const product = async (id: number, locale = 'en') => (await call<Rec>(t.app, 'GET', `/api/v1/products/${id}?locale=${locale}`)).body;
  const trashed = async (path: string, id: number) => (await call<Page>(t.app, 'GET', `/api/v1/${path}?trash=1&filter[id]=${id}`)).body.items[0] as Rec | undefined;
  const opportunity = async (id: number) => (await call<Rec>(t.app, 'GET', `/api/v1/opportunities/${id}`)).body;
  const siblings = (all: Value[], parentId: number | null) => all.filter((v) => v.parentId === parentId);

  it('M7.c: lists every dictionary with its levels, its value attributes and where its values are used', async () => {
    const res = await call<{ items: Dictionary[] }>(t.app, 'GET', '/api/v1/dictionaries');
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.items.map((d) => [d.key, d]));
    expect(byKey.get(CATEGORY)).toMatchObject({ hierarchical: true, attributes: [], name: 'dictionary.product-category' });
    expect(byKey.get(CATEGORY)?.usedBy).toEqual([{ entity: 'product', field: 'categoryId' }, { entity: 'product', field: 'subcategoryId' }]);
    expect(byKey.get(UNIT)).toMatchObject({ hierarchical: false, usedBy: [{ entity: 'product', field: 'unitId' }] });
    const stage = byKey.get(STAGE);
    expect(stage?.hierarchical).toBe(false);
    expect(stage?.attributes.map((a) => a.name)).toEqual(['probability', 'outcome']);
    expect(stage?.attributes.find((a) => a.name === 'outcome')).toMatchObject({ kind: 'enum', options: ['open', 'won', 'lost'], default: 'open' });
    expect(stage?.usedBy).toEqual([{ entity: 'opportunity', field: 'stageId' }]);
    expect(byKey.get('sale-status')?.attributes).toEqual([expect.objectContaining({ name: 'cancelled', kind: 'boolean', default: false })]);
    expect(byKey.get('customer-source')?.usedBy).toEqual(expect.arrayContaining([{ entity: 'customer', field: 'sourceId' }, { entity: 'opportunity', field: 'sourceId' }]));
    expect(byKey.get('payment-terms')?.usedBy).toEqual([{ entity: 'sale', field: 'paymentTermsId' }]);

    // The seeded category tree: three categories, each with its subcategories, labelled in every locale.
    const ko = await values(CATEGORY, 'ko');
    const hardware = ko.find((v) => v.code === 'hardware');
    expect(hardware).toMatchObject({ label: '하드웨어', defaultLabel: 'Hardware', parentId: null, labels: { en: 'Hardware', ko: '하드웨어', 'zh-CN': '硬件' } });
    expect(siblings(ko, hardware?.id ?? -1).map((v) => v.code)).toEqual(['computers', 'monitors', 'peripherals']);
    expect(siblings(ko, null).map((v) => v.code)).toEqual(['hardware', 'software', 'services']);
    const stages = await values(STAGE);
    expect(stages.map((s) => [s.code, s.attributes])).toEqual([
      ['initial-contact', { probability: 10, outcome: 'open' }], ['needs-analysis', { probability: 25, outcome: 'open' }],
      ['proposal', { probability: 50, outcome: 'open' }], ['negotiation', { probability: 75, outcome: 'open' }],
      ['won', { probability: 100, outcome: 'won' }], ['lost', { probability: 0, outcome: 'lost' }],
    ]);
    expect((await values('sale-status')).find((v) => v.code === 'cancelled')?.attributes).toEqual({ cancelled: true });
    expect((await values('sale-status')).find((v) => v.code === 'confirmed')?.attributes).toEqual({ cancelled: false });
  });

  it('M7.c: adds a category and a subcategory with labels per locale; a third level is refused naming parentId', async () => {
    const cat = await call<Value>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values?locale=ko`, { label: 'Furniture', labels: { ko: '가구', 'zh-CN': '家具' } });
    expect(cat.status, cat.raw).toBe(201);
    expect(cat.body).toMatchObject({ code: 'furniture', label: '가구', defaultLabel: 'Furniture', labels: { ko: '가구', 'zh-CN': '家具' }, parentId: null, active: true, version: 1 });
    const sub = await call<Value>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values?locale=zh-CN`, { label: 'Chairs', labels: { ko: '의자', 'zh-CN': '椅子' }, parentId: cat.body.id });
    expect(sub.status, sub.raw).toBe(201);
    expect(sub.body).toMatchObject({ code: 'chairs', label: '椅子', parentId: cat.body.id });
    // New values come last on their level.
    const all = await values(CATEGORY);
    expect(siblings(all, null).at(-1)?.id).toBe(cat.body.id);
    expect(siblings(all, cat.body.id).map((v) => v.id)).toEqual([sub.body.id]);
    expect((await value(CATEGORY, sub.body.id, 'ko')).label).toBe('의자');

    const before = (await values(CATEGORY)).length;
    const third = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values`, { label: 'Armchairs', parentId: sub.body.id });
    expect(third.status).toBe(400);
    expect(third.headers['content-type']).toMatch(/problem\+json/);
    expect(third.body.errors?.map((e) => e.field)).toEqual(['parentId']);
    const missingParent = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values`, { label: 'Orphans', parentId: 99_999_999 });
    expect(missingParent.body.errors?.map((e) => e.field)).toEqual(['parentId']);
    const foreignParent = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values`, { label: 'Foreign', parentId: await dictId(t.app, UNIT, 'box') });
    expect(foreignParent.body.errors?.map((e) => e.field)).toEqual(['parentId']);
    const flat = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${UNIT}/values`, { label: 'Crate', parentId: await dictId(t.app, UNIT, 'box') });
    expect(flat.status).toBe(400);
    expect(flat.body.errors?.map((e) => e.field)).toEqual(['parentId']);
    const blank = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values`, { label: '   ' });
    expect(blank.body.errors?.map((e) => e.field)).toEqual(['label']);
    expect((await values(CATEGORY)).length).toBe(before);
    expect((await values(UNIT)).some((v) => v.defaultLabel === 'Crate')).toBe(false);
  });

  it('M7.c: a label already used by a sibling (in any locale, any case) is a 400 naming label; another level may reuse it', async () => {
    const hardware = await dictId(t.app, CATEGORY, 'hardware');
    const software = await dictId(t.app, CATEGORY, 'software');
    const count = (await values(CATEGORY)).length;
    for (const body of [{ label: 'hardware' }, { label: 'Tools', labels: { ko: '하드웨어' } }, { label: 'Screens', parentId: hardware, labels: { 'zh-CN': '显示器' } }]) {
      const dup = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values`, body);
      expect(dup.status, JSON.stringify(body)).toBe(400);
      expect(dup.body.errors?.map((e) => e.field), JSON.stringify(body)).toEqual(['label']);
    }
    expect((await values(CATEGORY)).length).toBe(count);
    const a = await createDictionaryValue(t.app, CATEGORY, { label: 'Accessories', parentId: hardware });
    const b = await createDictionaryValue(t.app, CATEGORY, { label: 'Accessories', parentId: software });
    expect(a.code).toBe('accessories');
    expect(b.code).toBe('accessories-2');
    // Renaming onto a sibling's label is refused the same way, and changes nothing.
    const monitors = await value(CATEGORY, await dictId(t.app, CATEGORY, 'monitors'));
    const rename = await call<Problem>(t.app, 'PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${monitors.id}`, { labels: { ko: '컴퓨터' }, version: monitors.version });
    expect(rename.status).toBe(400);
    expect(rename.body.errors?.map((e) => e.field)).toEqual(['label']);
    expect(await value(CATEGORY, monitors.id)).toEqual(monitors);
    // A value may keep its own label (a no-op rename is not a clash with itself).
    const same = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${monitors.id}`, { label: 'Monitors', version: monitors.version });
    expect(same.status, same.raw).toBe(200);
  });

  it('M7.d: a rename shows at once on every record, in each locale, in the list and in group-by labels; records are not rewritten', async () => {
    const cat = await createDictionaryValue(t.app, CATEGORY, { label: 'Stationery', labels: { ko: '문구', 'zh-CN': '文具' } });
    const sub = await createDictionaryValue(t.app, CATEGORY, { label: 'Pens', labels: { ko: '펜', 'zh-CN': '笔' }, parentId: cat.id });
    const p = await createProduct(t.app, { name: 'Rename probe', subcategoryId: sub.id });
    expect(p.categoryId).toBe(cat.id);
    expect((await product(p.id, 'ko'))._labels).toMatchObject({ categoryId: '문구', subcategoryId: '펜' });

    const renamed = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${cat.id}?locale=ko`, { label: 'Office supplies', labels: { ko: '사무용품', 'zh-CN': '办公用品' }, version: cat.version });
    expect(renamed.status, renamed.raw).toBe(200);
    expect(renamed.body).toMatchObject({ label: '사무용품', defaultLabel: 'Office supplies', labels: { ko: '사무용품', 'zh-CN': '办公用品' }, version: cat.version + 1 });
    const subRenamed = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${sub.id}`, { labels: { ko: '볼펜', en: 'Ballpoint pens' }, version: sub.version });
    expect(subRenamed.status, subRenamed.raw).toBe(200);
    expect(subRenamed.body.labels).toEqual({ ko: '볼펜', en: 'Ballpoint pens', 'zh-CN': '笔' });

    for (const [locale, category, subcategory] of [['ko', '사무용품', '볼펜'], ['zh-CN', '办公用品', '笔'], ['en', 'Office supplies', 'Ballpoint pens']] as const) {
      expect((await product(p.id, locale))._labels, locale).toMatchObject({ categoryId: category, subcategoryId: subcategory });
      const list = await call<Page>(t.app, 'GET', `/api/v1/products?filter[id]=${p.id}&locale=${locale}`);
      expect(list.body.items[0]._labels, locale).toMatchObject({ categoryId: category, subcategoryId: subcategory });
      const grouped = await call<Groups>(t.app, 'GET', `/api/v1/products?filter[id]=${p.id}&groupBy=categoryId,subcategoryId&locale=${locale}`);
      expect(grouped.body.groups, locale).toEqual([{ value: cat.id, label: category, count: 1, groups: [{ value: sub.id, label: subcategory, count: 1 }] }]);
    }
    // The record itself did not change: ids are stable, so nothing needed rewriting.
    expect((await product(p.id)).version).toBe(p.version);

    // An emptied locale label falls back to the default label.
    const cleared = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${cat.id}`, { labels: { 'zh-CN': '' }, version: cat.version + 1 });
    expect(cleared.body.labels).toEqual({ ko: '사무용품' });
    expect((await product(p.id, 'zh-CN'))._labels.categoryId).toBe('Office supplies');
  });

  it('M7.d: a stale version is a 409 with the current value, and nothing changes', async () => {
    const unit = await createDictionaryValue(t.app, UNIT, { label: 'Roll', labels: { ko: '롤' } });
    const first = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { label: 'Reel', color: 'teal', version: unit.version });
    expect(first.status).toBe(200);
    const current = await value(UNIT, unit.id);
    const stale = await call<Problem>(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { label: 'Spool', active: false, version: unit.version });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect(stale.body.current).toMatchObject({ id: unit.id, defaultLabel: 'Reel', color: 'teal', active: true, version: unit.version + 1 });
    expect(await value(UNIT, unit.id)).toEqual(current);
    const noVersion = await call<Problem>(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { label: 'Spool' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors?.map((e) => e.field)).toEqual(['version']);
    // Two editors at once: exactly one wins.
    const race = await Promise.all(['Spool', 'Coil', 'Bobbin'].map((label) => call(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { label, version: current.version })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await value(UNIT, unit.id)).version).toBe(current.version + 1);
  });

  it('M7.c: reorder takes every sibling once; a partial or foreign list is a 400 naming ids and moves nothing', async () => {
    const top = siblings(await values(CATEGORY), null).map((v) => v.id);
    const reversed = [...top].reverse();
    const res = await call<{ items: Value[] }>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/reorder`, { ids: reversed });
    expect(res.status, res.raw).toBe(200);
    expect(siblings(res.body.items, null).map((v) => v.id)).toEqual(reversed);
    expect(siblings(await values(CATEGORY), null).map((v) => v.id)).toEqual(reversed);

    const hardware = await dictId(t.app, CATEGORY, 'hardware');
    const kids = siblings(await values(CATEGORY), hardware).map((v) => v.id);
    const rotated = [...kids.slice(1), kids[0]];
    const child = await call<{ items: Value[] }>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/reorder`, { ids: rotated, parentId: hardware });
    expect(child.status, child.raw).toBe(200);
    expect(siblings(child.body.items, hardware).map((v) => v.id)).toEqual(rotated);
    // A group-by follows the dictionary's order.
    const [a, b] = [await createProduct(t.app, { name: 'Order A', categoryId: reversed[0] }), await createProduct(t.app, { name: 'Order B', categoryId: reversed[1] })];
    const grouped = await call<Groups>(t.app, 'GET', `/api/v1/products?filter[id][in]=${a.id},${b.id}&groupBy=categoryId`);
    expect(grouped.body.groups.map((g) => g.value)).toEqual([reversed[0], reversed[1]]);

    const snapshot = await values(CATEGORY);
    for (const body of [{ ids: reversed.slice(1) }, { ids: [...reversed, reversed[0]] }, { ids: [...reversed.slice(1), kids[0]] }, { ids: kids, parentId: null }, { ids: [] }, { ids: reversed, parentId: hardware }]) {
      const bad = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/reorder`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.errors?.[0].field, JSON.stringify(body)).toMatch(/^ids/);
    }
    expect(await values(CATEGORY)).toEqual(snapshot);
  });

  it('M7.d: a deactivated value stays on its records (with its label) and can be activated again', async () => {
    const unit = await createDictionaryValue(t.app, UNIT, { label: 'Pallet', labels: { ko: '팔레트' } });
    const p = await createProduct(t.app, { name: 'Pallet goods', unitId: unit.id });
    const off = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { active: false, version: unit.version });
    expect(off.status, off.raw).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await values(UNIT)).find((v) => v.id === unit.id)?.active).toBe(false);
    const after = await product(p.id, 'ko');
    expect(after).toMatchObject({ unitId: unit.id, version: p.version, _labels: { unitId: '팔레트' } });
    // The record can still be edited while it keeps the inactive value.
    const edited = await call<Rec>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { model: 'EUR-1', version: p.version });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body.unitId).toBe(unit.id);
    const on = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`, { active: true, version: off.body.version });
    expect(on.body.active).toBe(true);
  });

  it('M7.d: deleting a value in use is a 409 with the count (records in Trash count too); an unused one is deleted; one with children is a 409', async () => {
    const unit = await createDictionaryValue(t.app, UNIT, { label: 'Drum' });
    const p = await createProduct(t.app, { name: 'Drum goods', unitId: unit.id });
    const live = await call<Problem & { inUse: number }>(t.app, 'DELETE', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`);
    expect(live.status).toBe(409);
    expect(live.headers['content-type']).toMatch(/problem\+json/);
    expect(live.body.inUse).toBe(1);
    expect(live.body.detail).toMatch(/used by 1 record/);
    expect(live.body.detail).toMatch(/deactivate/i);
    expect((await call(t.app, 'DELETE', `/api/v1/products/${p.id}`)).status).toBe(204);
    const inTrash = await call<Problem & { inUse: number }>(t.app, 'DELETE', `/api/v1/dictionaries/${UNIT}/values/${unit.id}`);
    expect(inTrash.status).toBe(409);
    expect(inTrash.body.inUse).toBe(1);
    expect((await call<{ counts: Record<string, number> }>(t.app, 'GET', `/api/v1/dictionaries/${UNIT}/usage`)).body.counts[unit.id]).toBe(1);
    expect((await value(UNIT, unit.id)).id).toBe(unit.id);
    // The product restored from Trash still finds its value.
    expect((await call<Rec>(t.app, 'POST', `/api/v1/products/${p.id}/restore`)).body._labels.unitId).toBe('Drum');

    const unused = await createDictionaryValue(t.app, UNIT, { label: 'Tub' });
    expect((await call(t.app, 'DELETE', `/api/v1/dictionaries/${UNIT}/values/${unused.id}`)).status).toBe(204);
    expect((await values(UNIT)).some((v) => v.id === unused.id)).toBe(false);
    expect((await call(t.app, 'GET', `/api/v1/dictionaries/${UNIT}/values/${unused.id}`)).status).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/dictionaries/${UNIT}/values/${unused.id}`)).status).toBe(404);

    const parent = await createDictionaryValue(t.app, CATEGORY, { label: 'Garden' });
    const kid = await createDictionaryValue(t.app, CATEGORY, { label: 'Hoses', parentId: parent.id });
    const withKids = await call<Problem & { children: number }>(t.app, 'DELETE', `/api/v1/dictionaries/${CATEGORY}/values/${parent.id}`);
    expect(withKids.status).toBe(409);
    expect(withKids.body.children).toBe(1);
    expect(withKids.body.detail).toMatch(/child/);
    expect((await call(t.app, 'DELETE', `/api/v1/dictionaries/${CATEGORY}/values/${kid.id}`)).status).toBe(204);
    expect((await call(t.app, 'DELETE', `/api/v1/dictionaries/${CATEGORY}/values/${parent.id}`)).status).toBe(204);

    // A stage that only the stage history still names is in use too.
    const c = await createCustomer(t.app);
    const stage = await createDictionaryValue(t.app, STAGE, { label: 'Scoping', attributes: { probability: 15 } });
    const o = await createOpportunity(t.app, c.id, { stageId: stage.id });
    await call(t.app, 'PATCH', `/api/v1/opportunities/${o.id}`, { stageId: await dictId(t.app, STAGE, 'proposal'), version: o.version });
    const history = await call<Problem & { inUse: number }>(t.app, 'DELETE', `/api/v1/dictionaries/${STAGE}/values/${stage.id}`);
    expect(history.status).toBe(409);
    expect(history.body.inUse).toBeGreaterThanOrEqual(1);
  });

  it('M7.d: merging moves every record (also those in Trash) to the other value in one step, bumps their versions and removes the value', async () => {
    const cat = await createDictionaryValue(t.app, CATEGORY, { label: 'Lighting', labels: { ko: '조명' } });
    const a = await createDictionaryValue(t.app, CATEGORY, { label: 'Lamps', parentId: cat.id });
    const b = await createDictionaryValue(t.app, CATEGORY, { label: 'Lights', labels: { ko: '전등' }, parentId: cat.id });
    const p1 = await createProduct(t.app, { name: 'Desk lamp', subcategoryId: a.id });
    const p2 = await createProduct(t.app, { name: 'Floor lamp', subcategoryId: a.id });
    const p3 = await createProduct(t.app, { name: 'Ceiling light', subcategoryId: b.id });
    await call(t.app, 'DELETE', `/api/v1/products/${p2.id}`);
    const p2InTrash = await trashed('products', p2.id);

    // Refused first: the other level, itself, another dictionary, nothing at all. Nothing moves.
    const snapshot = await values(CATEGORY);
    for (const intoId of [cat.id, a.id, await dictId(t.app, UNIT, 'box'), 99_999_999]) {
      const bad = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}/merge`, { intoId });
      expect(bad.status, String(intoId)).toBe(400);
      expect(bad.body.errors?.map((e) => e.field), String(intoId)).toEqual(['intoId']);
    }
    const subIntoOtherCategory = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}/merge`, { intoId: await dictId(t.app, CATEGORY, 'monitors') });
    expect(subIntoOtherCategory.status).toBe(400);
    expect(subIntoOtherCategory.body.errors?.map((e) => e.field)).toEqual(['intoId']);
    expect((await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}/merge`, {})).body.errors?.map((e) => e.field)).toEqual(['intoId']);
    expect(await values(CATEGORY)).toEqual(snapshot);
    expect((await product(p1.id)).version).toBe(p1.version);

    const merged = await call<{ moved: number; into: Value }>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}/merge?locale=ko`, { intoId: b.id });
    expect(merged.status, merged.raw).toBe(200);
    expect(merged.body.moved).toBe(2);
    expect(merged.body.into).toMatchObject({ id: b.id, label: '전등' });
    expect(await product(p1.id, 'ko')).toMatchObject({ subcategoryId: b.id, categoryId: cat.id, version: p1.version + 1, _labels: { subcategoryId: '전등' } });
    expect(await trashed('products', p2.id)).toMatchObject({ subcategoryId: b.id, version: Number(p2InTrash?.version) + 1 });
    expect(await product(p3.id)).toMatchObject({ subcategoryId: b.id, version: p3.version });
    expect((await values(CATEGORY)).some((v) => v.id === a.id)).toBe(false);
    expect((await call(t.app, 'GET', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}`)).status).toBe(404);
    expect((await call<Page>(t.app, 'GET', `/api/v1/products?filter[subcategoryId]=${b.id}&total=exact`)).body.total).toBe(2);
    // The product restored from Trash comes back with the merged value.
    expect((await call<Rec>(t.app, 'POST', `/api/v1/products/${p2.id}/restore`)).body.subcategoryId).toBe(b.id);

    // Two categories: records and the subcategories move under the surviving one, so every record still satisfies the parent rule.
    const other = await createDictionaryValue(t.app, CATEGORY, { label: 'Illumination' });
    const moved = await call<{ moved: number }>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${cat.id}/merge`, { intoId: other.id });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.moved).toBe(3);
    expect(await value(CATEGORY, b.id)).toMatchObject({ parentId: other.id });
    expect(await product(p1.id)).toMatchObject({ categoryId: other.id, subcategoryId: b.id });
    const edit = await call<Rec>(t.app, 'PATCH', `/api/v1/products/${p1.id}`, { subcategoryId: b.id, version: (await product(p1.id)).version });
    expect(edit.status, edit.raw).toBe(200);
  });

  it('M7.d / M8.a: merging a stage into one with another outcome brings its opportunities\' status along', async () => {
    const c = await createCustomer(t.app);
    const won = await dictId(t.app, STAGE, 'won');
    const verbal = await createDictionaryValue(t.app, STAGE, { label: 'Verbal yes', labels: { ko: '구두 승인' }, attributes: { probability: 90, outcome: 'open' } });
    const o1 = await createOpportunity(t.app, c.id, { stageId: verbal.id, amount: 100_000 });
    const o2 = await createOpportunity(t.app, c.id, { stageId: verbal.id, amount: 50_000 });
    expect([o1.status, o1.probability, o1.closedAt]).toEqual(['open', 90, null]);
    const res = await call<{ moved: number }>(t.app, 'POST', `/api/v1/dictionaries/${STAGE}/values/${verbal.id}/merge`, { intoId: won });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.moved).toBe(2);
    for (const o of [o1, o2]) {
      const now = await opportunity(o.id);
      expect(now).toMatchObject({ stageId: won, status: 'won' });
      expect(now.version).toBeGreaterThan(o.version);
      expect(Date.parse(String(now.closedAt))).not.toBeNaN();
    }
    // The stage history follows the merge, so it names only stages that exist.
    const history = await call<{ items: { to: number }[] }>(t.app, 'GET', `/api/v1/opportunities/${o1.id}/stage-history`);
    expect(history.body.items.map((h) => h.to)).toEqual([won]);
    // Closed by the merge, a won opportunity converts.
    expect((await call(t.app, 'POST', `/api/v1/opportunities/${o1.id}/convert`)).status).toBe(201);
  });

  it('M7.d / M8.a: editing a stage\'s outcome updates the status of the opportunities in it; attributes are checked', async () => {
    const c = await createCustomer(t.app);
    const parked = await createDictionaryValue(t.app, STAGE, { label: 'Parked', attributes: { probability: 5 } });
    const o = await createOpportunity(t.app, c.id, { stageId: parked.id });
    expect(o.status).toBe('open');
    const lost = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${STAGE}/values/${parked.id}`, { attributes: { outcome: 'lost' }, version: parked.version });
    expect(lost.status, lost.raw).toBe(200);
    expect(lost.body.attributes).toEqual({ probability: 5, outcome: 'lost' });
    const closed = await opportunity(o.id);
    expect(closed).toMatchObject({ status: 'lost', stageId: parked.id, version: o.version + 1 });
    expect(closed.closedAt).not.toBeNull();
    const reopened = await call<Value>(t.app, 'PATCH', `/api/v1/dictionaries/${STAGE}/values/${parked.id}`, { attributes: { outcome: 'open' }, version: lost.body.version });
    expect(reopened.status).toBe(200);
    expect(await opportunity(o.id)).toMatchObject({ status: 'open', closedAt: null });
    // A label-only edit touches no opportunity.
    const version = (await opportunity(o.id)).version;
    await call(t.app, 'PATCH', `/api/v1/dictionaries/${STAGE}/values/${parked.id}`, { label: 'On hold', version: reopened.body.version });
    expect((await opportunity(o.id)).version).toBe(version);

    const current = await value(STAGE, parked.id);
    for (const [attributes, field] of [[{ outcome: 'maybe' }, 'attributes.outcome'], [{ probability: 101 }, 'attributes.probability'], [{ probability: '50' }, 'attributes.probability'], [{ colour: 'red' }, 'attributes.colour']] as const) {
      const bad = await call<Problem>(t.app, 'PATCH', `/api/v1/dictionaries/${STAGE}/values/${parked.id}`, { attributes, version: current.version });
      expect(bad.status, JSON.stringify(attributes)).toBe(400);
      expect(bad.body.errors?.map((e) => e.field), JSON.stringify(attributes)).toEqual([field]);
    }
    const noAttributes = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${UNIT}/values`, { label: 'Gross', attributes: { probability: 5 } });
    expect(noAttributes.status).toBe(400);
    expect(await value(STAGE, parked.id)).toEqual(current);
    expect((await opportunity(o.id)).status).toBe('open');
  });

  it('M7.d: values come top-level first, each followed by its children in order; group-by on a child field follows the same order', async () => {
    const all = await values(CATEGORY);
    const tops = all.filter((v) => v.parentId === null);
    let seen = -1;
    for (const v of all) {
      const top = tops.findIndex((x) => x.id === (v.parentId ?? v.id));
      expect(top, v.label).toBeGreaterThanOrEqual(seen);
      seen = top;
    }
    const [a, b] = tops;
    const subA = all.find((v) => v.parentId === a.id) as Value;
    const subB = all.find((v) => v.parentId === b.id) as Value;
    await createProduct(t.app, { subcategoryId: subB.id });
    await createProduct(t.app, { subcategoryId: subA.id });
    const groups = (await call<Groups>(t.app, 'GET', '/api/v1/products?groupBy=subcategoryId')).body.groups.map((g) => g.value);
    expect(groups.indexOf(subA.id)).toBeLessThan(groups.indexOf(subB.id));
  });

  it('M7.d: merging two categories that both have a subcategory of the same name is refused naming intoId, and nothing moves', async () => {
    const a = await createDictionaryValue(t.app, CATEGORY, { label: `Merge A ${Date.now()}` });
    const b = await createDictionaryValue(t.app, CATEGORY, { label: `Merge B ${Date.now()}` });
    const childA = await createDictionaryValue(t.app, CATEGORY, { label: 'Accessories', parentId: a.id });
    await createDictionaryValue(t.app, CATEGORY, { label: 'accessories', parentId: b.id });
    const p = await createProduct(t.app, { categoryId: a.id, subcategoryId: childA.id });
    const res = await call<Problem>(t.app, 'POST', `/api/v1/dictionaries/${CATEGORY}/values/${a.id}/merge`, { intoId: b.id });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].field).toBe('intoId');
    expect((await product(p.id)).categoryId).toBe(a.id);
    expect((await value(CATEGORY, a.id)).id).toBe(a.id);
  });

  it('M8: a stage only in some opportunity\'s stage history counts no records, yet is not deleted (the history keeps it)', async () => {
    const stage = await createDictionaryValue(t.app, STAGE, { label: `Passing stage ${Date.now()}`, attributes: { outcome: 'open', probability: 30 } });
    const customer = await createCustomer(t.app);
    const opp = await createOpportunity(t.app, customer.id, { stageId: stage.id });
    await call(t.app, 'PATCH', `/api/v1/opportunities/${opp.id}`, { stageId: await dictId(t.app, STAGE, 'proposal'), version: opp.version });
    const counts = (await call<{ counts: Record<string, number> }>(t.app, 'GET', `/api/v1/dictionaries/${STAGE}/usage`)).body.counts;
    expect(counts[stage.id]).toBe(0);
    const del = await call<Problem & { inUse?: number }>(t.app, 'DELETE', `/api/v1/dictionaries/${STAGE}/values/${stage.id}`);
    expect(del.status).toBe(409);
    expect(del.body.inUse).toBe(2);
    expect((await value(STAGE, stage.id)).id).toBe(stage.id);
  });

  it('M8.d: a stage with converted opportunities keeps its won outcome: editing it or merging it into an open stage is a 409 and changes nothing', async () => {
    const won = await dictId(t.app, STAGE, 'won');
    const customer = await createCustomer(t.app);
    const opp = await createOpportunity(t.app, customer.id, { stageId: won, amount: 5000 });
    expect((await call(t.app, 'POST', `/api/v1/opportunities/${opp.id}/convert`)).status).toBe(201);
    const stage = await value(STAGE, won);
    const edit = await call<Problem>(t.app, 'PATCH', `/api/v1/dictionaries/${STAGE}/values/${won}`, { attributes: { outcome: 'open' }, version: stage.version });
    expect(edit.status).toBe(409);
    expect(edit.body.errors?.[0].field).toBe('attributes.outcome');
    expect((await value(STAGE, won)).attributes.outcome).toBe('won');
    const open = await createDictionaryValue(t.app, STAGE, { label: `Open again ${Date.now()}`, attributes: { outcome: 'open', probability: 40 } });
    expect((await call(t.app, 'POST', `/api/v1/dictionaries/${STAGE}/values/${won}/merge`, { intoId: open.id })).status).toBe(409);
    expect((await opportunity(opp.id))).toMatchObject({ stageId: won, status: 'won' });
  });

  it('an unknown dictionary key is a 404 on every route; a value of another dictionary is a 404', async () => {
    const box = await dictId(t.app, UNIT, 'box');
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['GET', '/api/v1/dictionaries/no-such-key/values', undefined],
      ['GET', '/api/v1/dictionaries/no-such-key/usage', undefined],
      ['POST', '/api/v1/dictionaries/no-such-key/values', { label: 'X' }],
      ['POST', '/api/v1/dictionaries/no-such-key/reorder', { ids: [box] }],
      ['GET', `/api/v1/dictionaries/no-such-key/values/${box}`, undefined],
      ['PATCH', `/api/v1/dictionaries/no-such-key/values/${box}`, { label: 'X', version: 1 }],
      ['DELETE', `/api/v1/dictionaries/no-such-key/values/${box}`, undefined],
      ['POST', `/api/v1/dictionaries/no-such-key/values/${box}/merge`, { intoId: box + 1 }],
      ['GET', `/api/v1/dictionaries/${CATEGORY}/values/${box}`, undefined],
      ['PATCH', `/api/v1/dictionaries/${CATEGORY}/values/${box}`, { label: 'X', version: 1 }],
      ['DELETE', `/api/v1/dictionaries/${CATEGORY}/values/${box}`, undefined],
      ['GET', `/api/v1/dictionaries/${CATEGORY}/values/abc`, undefined],
    ];
    for (const [method, url, body] of routes) {
      const res = await call<Problem>(t.app, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type'], `${method} ${url}`).toMatch(/problem\+json/);
    }
    expect((await value(UNIT, box)).defaultLabel).toBe('Box');
  });

  it('hostile and garbage bodies to every write route: 4xx problem+json, never 5xx, nothing written on a 4xx', async () => {
    const target = await createDictionaryValue(t.app, UNIT, { label: 'Hostile target' });
    await createDictionaryValue(t.app, UNIT, { label: 'Hostile sibling' });
    const p = await createProduct(t.app, { name: 'Hostile product', unitId: target.id });
    const keys = ['label', 'labels', 'code', 'parentId', 'color', 'active', 'position', 'attributes', 'version', 'ids', 'intoId', '__proto__', 'constructor'];
    const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ minLength: 90, maxLength: 400 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
      fc.constantFrom('\u0000', 'ko', 'zh-CN', '#12345g', 'blue', "'; DROP TABLE dictionary_values; --", -1, 0, 2_147_483_648, 1e308));
    const nested = fc.oneof(scalar, fc.array(fc.oneof(fc.integer({ min: -3, max: 3_000_000_000 }), fc.string({ maxLength: 5 })), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom('en', 'ko', 'zh-CN', 'fr', 'probability', 'outcome', 'cancelled', '__proto__'), fc.string({ maxLength: 6 })), scalar, { maxKeys: 3 }));
    const body = fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), nested, { maxKeys: 5 }), fc.anything({ maxDepth: 2 }));
    const routeKey = fc.constantFrom(UNIT, CATEGORY, STAGE, 'no-such', '..', '%00', '__proto__');
    const snapshot = async () => ({ units: await values(UNIT), categories: await values(CATEGORY), stages: await values(STAGE), product: await product(p.id) });
    await fc.assert(fc.asyncProperty(body, routeKey, fc.constantFrom('CREATE', 'PATCH', 'REORDER', 'MERGE', 'DELETE-JSON'), async (b, key, how) => {
      const before = await snapshot();
      const k = encodeURIComponent(key);
      const current = before.units.find((v) => v.id === target.id);
      const withVersion = b !== null && typeof b === 'object' && !Array.isArray(b) && current ? { ...(b as Record<string, unknown>), version: current.version } : b;
      const res = how === 'CREATE' ? await t.app.inject({ method: 'POST', url: `/api/v1/dictionaries/${k}/values`, payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } })
        : how === 'PATCH' ? await t.app.inject({ method: 'PATCH', url: `/api/v1/dictionaries/${k}/values/${target.id}`, payload: JSON.stringify(withVersion), headers: { 'content-type': 'application/json' } })
          : how === 'REORDER' ? await t.app.inject({ method: 'POST', url: `/api/v1/dictionaries/${k}/reorder`, payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } })
            : how === 'MERGE' ? await t.app.inject({ method: 'POST', url: `/api/v1/dictionaries/${k}/values/${target.id}/merge`, payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } })
              : await t.app.inject({ method: 'DELETE', url: `/api/v1/dictionaries/${k}/values/${target.id}`, payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) {
        expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
        expect(await snapshot()).toEqual(before);
      }
    }), { numRuns: 120 });
    // The product still has a unit of the unit dictionary (a merge, if one got through, moved it).
    const after = await product(p.id);
    expect((await values(UNIT)).some((v) => v.id === after.unitId)).toBe(true);
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ['products']);
  });
});
