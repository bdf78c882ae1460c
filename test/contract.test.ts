import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';
import { filterFor, isListable, isSortable, sampleBody } from './support/samples.js';

/** Every entity in the registry honours the same REST contract (DESIGN.md §7). */
describe.each(DATABASES)('entity contract on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  describe.each(ENTITIES.map((e) => ({ entity: e, name: e.name })))('$name', ({ entity }) => {
    const base = `/api/v1/${entity.path}`;

    it('create, read, list, q, filter, sort, groupBy, stale PATCH 409, delete, restore, export', async () => {
      const body = await sampleBody(t.app, entity, 'Contract');
      const created = await call<Record<string, unknown> & { id: number; version: number }>(t.app, 'POST', base, body);
      expect(created.status, created.raw).toBe(201);
      // Lines come back completed (ids, prices, amounts): the sent values are among them.
      // A total of lines is the sum the server computed, whatever was sent.
      const totals = new Map(Object.entries(entity.fields).flatMap(([k, f]) => (f.lines && k in body ? [[f.lines.totalField, k] as const] : [])));
      for (const [k, v] of Object.entries(body)) {
        const linesField = totals.get(k);
        if (entity.allFields[k].kind === 'lines') expect(created.body[k], k).toMatchObject(v as object);
        else if (linesField) expect(created.body[k], k).toBe((created.body[linesField] as { amount: number }[]).reduce((sum, l) => sum + l.amount, 0));
        else expect(created.body[k], k).toEqual(v);
      }
      const id = created.body.id;

      expect((await call(t.app, 'GET', `${base}/${id}`)).body).toEqual(created.body);
      const list = await call<Page>(t.app, 'GET', `${base}?limit=10`);
      expect(list.body.items.map((i) => i.id)).toContain(id);
      expect(list.body.total).toBeGreaterThanOrEqual(1);

      if (entity.searchFields.length) {
        for (const q of ['삼성', 'Contract', '华信']) {
          const found = await call<Page>(t.app, 'GET', `${base}?q=${encodeURIComponent(q)}`);
          expect(found.body.items.map((i) => i.id), q).toContain(id);
        }
        expect((await call<Page>(t.app, 'GET', `${base}?q=zzqqxx`)).body.items).toEqual([]);
      }

      for (const field of Object.keys(entity.allFields)) {
        const f = entity.allFields[field];
        if (!isListable(f)) {
          expect((await call(t.app, 'GET', `${base}?sort=${field}`)).status, `sort=${field}`).toBe(400);
          continue;
        }
        const qs = filterFor(field, created.body[field]);
        const filtered = await call<Page>(t.app, 'GET', `${base}?${qs}`);
        expect(filtered.status, `${qs}: ${filtered.raw}`).toBe(200);
        expect(filtered.body.items.map((i) => i.id), qs).toContain(id);
        for (const sort of [field, `-${field}`]) {
          const sorted = await call<Problem>(t.app, 'GET', `${base}?sort=${sort}`);
          expect(sorted.status, sort).toBe(isSortable(f) ? 200 : 400);
          if (!isSortable(f)) expect(sorted.body.errors?.[0].message, sort).toContain(field);
        }
        const groups = await call<Groups>(t.app, 'GET', `${base}?groupBy=${field}`);
        expect(groups.status, `groupBy=${field}`).toBe(200);
        expect(groups.body.groups.reduce((s, g) => s + g.count, 0)).toBe(groups.body.total);
      }

      const patched = await call(t.app, 'PATCH', `${base}/${id}`, { version: created.body.version });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(created.body.version + 1);
      const stale = await call<Problem>(t.app, 'PATCH', `${base}/${id}`, { version: created.body.version });
      expect(stale.status).toBe(409);
      expect(stale.body.current?.version).toBe(created.body.version + 1);

      expect((await call(t.app, 'DELETE', `${base}/${id}`)).status).toBe(204);
      expect((await call(t.app, 'GET', `${base}/${id}`)).status).toBe(404);
      expect((await call<Page>(t.app, 'GET', `${base}?trash=1`)).body.items.map((i) => i.id)).toContain(id);
      expect((await call(t.app, 'POST', `${base}/${id}/restore`)).status).toBe(200);

      const csv = await t.app.inject({ url: `${base}/export?format=csv&filter[id]=${id}` });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.trim().split('\r\n')).toHaveLength(2);
      const xlsx = await t.app.inject({ url: `${base}/export?format=xlsx&filter[id]=${id}` });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0].rowCount).toBe(2);
    });
  });
});
