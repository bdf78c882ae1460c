import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { prng, seedDemo } from '../src/server/seed/demo.js';
import { seedOpportunities } from '../src/server/seed/opportunities.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';
import { sampleBody } from './support/samples.js';

interface Groups { groups: { value: unknown; count: number; sums?: Record<string, number> }[]; total: number; sums?: Record<string, number> }

/**
 * Issue 14: group totals kept by the database (an entity's `groupTotals`, the pipeline's totals by
 * stage) equal the totals counted from the records after any mix of writes: creates, edits of the
 * grouped and summed fields, deletes to Trash, restores. For every entity that declares them.
 */
describe.each(DATABASES)('kept group totals on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  it.each(ENTITIES.filter((e) => e.groupTotals).map((e) => [e.name, e] as const))('%s: the kept totals equal the counted ones after random writes', async (_n, entity) => {
    const kept = entity.groupTotals!;
    const r = prng(16);
    const group = entity.allFields[kept.groupBy];
    const values = (await call<{ items: { id: number }[] }>(t.app, 'GET', `/api/v1/dictionaries/${group.dictionary}/values`)).body.items.map((v) => v.id);
    const ids: { id: number; version: number; deleted: boolean }[] = [];
    const url = `/api/v1/${entity.path}?groupBy=${kept.groupBy}&sum=${kept.sums.filter((s) => !entity.allFields[s].readOnly).join(',')}`;
    const compare = async () => {
      const fromKept = await call<Groups>(t.app, 'GET', url);
      // A filter every record passes takes the counting path.
      const counted = await call<Groups>(t.app, 'GET', `${url}&filter[id][gte]=0`);
      expect(fromKept.body).toEqual(counted.body);
      const all = await call<Groups>(t.app, 'GET', `/api/v1/${entity.path}?groupBy=${kept.groupBy}&sum=${kept.sums.join(',')}`);
      const allCounted = await call<Groups>(t.app, 'GET', `/api/v1/${entity.path}?groupBy=${kept.groupBy}&sum=${kept.sums.join(',')}&filter[id][gte]=0`);
      expect(all.body).toEqual(allCounted.body);
      return all.body;
    };
    for (let i = 0; i < 30; i++) {
      const live = ids.filter((x) => !x.deleted);
      const roll = r();
      if (roll < 0.4 || live.length === 0) {
        const body = await sampleBody(t.app, entity, `totals ${i}`);
        body[kept.groupBy] = values[Math.floor(r() * values.length)];
        const res = await call<{ id: number; version: number }>(t.app, 'POST', `/api/v1/${entity.path}`, body);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids.push({ id: res.body.id, version: res.body.version, deleted: false });
      } else if (roll < 0.75) {
        const x = live[Math.floor(r() * live.length)];
        const patch: Record<string, unknown> = { version: x.version, [kept.groupBy]: values[Math.floor(r() * values.length)] };
        for (const s of kept.sums) if (!entity.allFields[s].readOnly) patch[s] = Math.floor(r() * 100_000);
        const res = await call<{ version: number }>(t.app, 'PATCH', `/api/v1/${entity.path}/${x.id}`, patch);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        x.version = res.body.version;
      } else if (roll < 0.9) {
        const x = live[Math.floor(r() * live.length)];
        expect((await call(t.app, 'DELETE', `/api/v1/${entity.path}/${x.id}`)).status).toBeLessThan(300);
        x.deleted = true;
      } else {
        const x = ids.find((y) => y.deleted);
        if (x) {
          const res = await call<{ version: number }>(t.app, 'POST', `/api/v1/${entity.path}/${x.id}/restore`);
          expect(res.status).toBe(200);
          x.deleted = false;
          x.version = res.body.version;
        }
      }
      if (i % 6 === 5) await compare();
    }
    const final = await compare();
    expect(final.total).toBe(ids.filter((x) => !x.deleted).length);
  });

  it('a bulk load with its indexes deferred keeps the pipeline totals exact', async () => {
    const t2 = await startApp(database);
    try {
      await seedDemo(t2.app.database, { customers: 20 });
      await seedOpportunities(t2.app.database, { opportunities: 300, products: 5, deferIndexes: true });
      const url = '/api/v1/opportunities?groupBy=stageId&sum=amount,weightedAmount';
      const kept = await call<Groups>(t2.app, 'GET', url);
      expect(kept.body.total).toBe(300);
      expect(kept.body).toEqual((await call<Groups>(t2.app, 'GET', `${url}&filter[id][gte]=0`)).body);
    } finally {
      await t2.close();
    }
  });
});
