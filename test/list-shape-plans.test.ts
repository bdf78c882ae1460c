import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { totalCap } from '../src/server/core/list-service.js';
import { prng } from '../src/server/seed/demo.js';
import { ANY_VALUES, randomShape, shapeQuery } from '../bench/list-shapes.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { fullReads } from './support/plans.js';
import { fullAccess } from '../src/server/auth/access.js';

const CLOCK = { now: Date.now(), timeZone: 'UTC' };
/** Shapes per entity: the generator of bench/list-random.ts, with a fixed seed so a failure repeats. */
const SHAPES = 40;

/**
 * Issue 14: every list a user can build (bench/list-shapes.ts draws them from the registry) has a
 * plan that reads an index — the sort's, a filter's or the search's — never the whole table, for
 * its page and for its total. A new entity or list column is checked the moment it exists.
 */
describe.each(DATABASES)('random list shapes read an index on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  it.each(ENTITIES.map((e) => [e.name, e] as const))('%s', async (_name, entity) => {
    const r = prng(14);
    const lq = new ListQuery(t.app.database, entity);
    const scans: string[] = [];
    for (let i = 0; i < SHAPES; i++) {
      const query = shapeQuery(randomShape(r, entity, ANY_VALUES));
      const p = parseListParams(entity, query, CLOCK, fullAccess());
      for (const [what, q] of [['page', lq.pageQuery(p)], ['first page', (await lq.firstPageQuery(p)).query], ['count', lq.countQuery(p, totalCap(p))]] as const) {
        const reads = await fullReads(t.app, q, entity.table);
        if (reads.length) scans.push(`${what} ${decodeURIComponent(new URLSearchParams(query).toString())}: ${reads.join('; ')}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
