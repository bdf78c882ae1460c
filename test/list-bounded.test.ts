import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { prng } from '../src/server/seed/demo.js';
import { randomShape, shapeQuery, type ValuePool, absentValue } from '../bench/list-shapes.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { createCustomer, dictId } from './support/builders.js';
import { fullAccess } from '../src/server/auth/access.js';

const CLOCK = { now: Date.now(), timeZone: 'UTC' };

/**
 * Issue 14: a filtered list in a chosen order reads a bounded window of the sort order, then gathers
 * and sorts the matches when the window held too few (ListQuery.bounded). With windows of 1–7 rows
 * both paths run on every page; paging through random shapes must give exactly the rows, in the
 * order, that one unbounded query gives.
 */
describe.each(DATABASES)('bounded sort windows on $name', (database) => {
  let t: TestApp;
  const names = ['삼성전자', '삼성물산', 'Acme Trading', 'acme labs', '华信科技', 'Zeta', 'Beta Co.', '한국전력', null];
  beforeAll(async () => {
    t = await startApp(database);
    const types = [await dictId(t.app, 'customer-type', 'partner'), await dictId(t.app, 'customer-type', 'customer'), null];
    const r = prng(5);
    for (let i = 0; i < 45; i++) {
      const name = names[i % (names.length - 1)] ?? 'x';
      await createCustomer(t.app, { name: `${name} ${i % 4}`, typeId: types[Math.floor(r() * 3)], city: r() < 0.3 ? null : ['Seoul', '서울', 'Busan'][i % 3], email: r() < 0.5 ? `a${i}@acme.example` : null });
    }
  });
  afterAll(async () => { await t?.close(); });

  it('pages of random shapes and searches equal the unbounded order', async () => {
    const db = t.app.database;
    const all = (await t.app.inject({ url: '/api/v1/customers?limit=500' })).json() as { items: Record<string, unknown>[] };
    const pool: ValuePool = { seen: (f) => all.items.map((i) => i[f]).filter((v) => v !== null), absent: (_f, def) => absentValue(def) };
    const r = prng(9);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const query = { ...shapeQuery(randomShape(r, customerEntity, pool), 4), ...(i % 4 === 0 ? { q: ['삼성', 'acme', '华信', 'zz'][i % 16 / 4] } : {}) };
      const p = parseListParams(customerEntity, query, CLOCK, fullAccess());
      const unbounded = await new ListQuery(db, customerEntity).page({ ...p, limit: 500 });
      const window = Math.floor(r() * 7) + 1;
      const bounded = new ListQuery(db, customerEntity, 't', { windowRows: () => window });
      const seen: number[] = [];
      let cursor: unknown[] | null = null;
      do {
        const page = await bounded.page({ ...p, cursor });
        seen.push(...page.rows.map((row) => Number(row.id)));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 500);
      expect(seen, JSON.stringify(query)).toEqual(unbounded.rows.map((row) => Number(row.id)));
      if (bounded.bounded(p)) checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
