import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { buildPools, expectWellFormed, HOSTILE_IDS, hostileForSchema, send, type JsonSchema, type Pools } from './support/hostile.js';
import { call } from './support/http.js';
import { expectIntact } from './support/integrity.js';
import { snapshot } from './support/snapshot.js';

/** Runs per route: every route of the app, a route added later included, within a few seconds per database. */
const RUNS = 6;

interface Operation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema & { $ref?: string } }> };
}
interface OpenApi { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } }

/** Routes a test may call: every method and path the app registered, but HEAD (GET's twin) and the API reference page's static files. */
function routesOf(t: TestApp): { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string }[] {
  const seen = new Set<string>();
  const out: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string }[] = [];
  for (const r of t.app.routeTable) {
    const key = `${r.method} ${r.url}`;
    if (seen.has(key) || r.url.startsWith('/api/docs') || !['GET', 'POST', 'PATCH', 'DELETE'].includes(r.method)) continue;
    seen.add(key);
    out.push({ method: r.method as 'GET' | 'POST' | 'PATCH' | 'DELETE', url: r.url });
  }
  return out;
}

describe.each(DATABASES)('every route of the app, hostile ids, bodies and parameters, on $name', (database) => {
  let t: TestApp;
  let pools: Pools;
  let doc: OpenApi;
  let keys: string[];
  beforeAll(async () => {
    t = await startApp(database);
    ({ pools } = await buildPools(t.app));
    keys = Array.from(pools.dictionaries.keys());
    doc = (await call<OpenApi>(t.app, 'GET', '/api/openapi.json')).body;
  });
  afterAll(async () => { await t?.close(); });

  /** The route's OpenAPI entry: its documented body properties and query parameters. */
  const documented = (method: string, url: string): { body?: JsonSchema; query: Record<string, JsonSchema> } => {
    const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    const json = op?.requestBody?.content?.['application/json']?.schema;
    const body = json?.$ref ? doc.components.schemas[json.$ref.split('/').pop() ?? ''] : json;
    const query = Object.fromEntries((op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]));
    return { body, query };
  };

  /** A path parameter's values: ids of records live and in Trash (of every entity and dictionary) and ids no record has; dictionary keys and names no dictionary has. */
  const paramValues = (name: string): fc.Arbitrary<string> => {
    const ids = [...Array.from(pools.records.values()).flatMap((r) => [r.live, r.trashed]), ...Array.from(pools.dictionaries.values()).flat().slice(0, 5).map((v) => v.id)].map(String);
    const hostile = fc.constantFrom(...HOSTILE_IDS);
    if (name === 'id') return fc.oneof(fc.constantFrom(...ids), hostile);
    if (name === 'key') return fc.oneof(fc.constantFrom(...keys), hostile, fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', '..', 'customer-type%00'));
    return fc.oneof(hostile, fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.constantFrom('x.ics', `${'a'.repeat(64)}.ics`, '.ics'));
  };

  it('every route, every method: never a 5xx; a 4xx is problem+json and writes nothing; a GET never writes', async () => {
    const routes = routesOf(t);
    // Entity routes and module routes alike: the registry test drives the entity routes deeply, this walks them all.
    expect(routes.length).toBeGreaterThan(ENTITIES.length * 10);
    for (const { method, url } of routes) {
      const { body, query } = documented(method, url);
      const params = (url.match(/:\w+/g) ?? []).map((p) => p.slice(1));
      const path = fc.tuple(...params.map(paramValues)).map((values) => params.reduce((u, p, i) => u.replace(`:${p}`, values[i]), url));
      const queryNames = [...Object.keys(query), 'locale', 'format', 'nope', '__proto__'];
      const qs = fc.array(fc.tuple(fc.constantFrom(...queryNames), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('1', '-1', '0000-01-01', '9999-12-31T23:59:59-14:00', 'x'.repeat(300), '%00'))), { maxLength: 3 })
        .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
      const payload = method === 'GET' || (method === 'DELETE' && !body)
        ? fc.constant(undefined)
        : fc.oneof({ weight: 4, arbitrary: hostileForSchema(body ?? { type: 'object' }, pools) }, { weight: 1, arbitrary: hostileForSchema(undefined, pools) });
      await fc.assert(fc.asyncProperty(path, qs, payload, async (p, q, b) => {
        const target = q ? `${p}?${q}` : p;
        const before = await snapshot(t.app.database);
        const res = await send(t.app, method, target, b);
        expectWellFormed(res, `${method} ${target} ${JSON.stringify(b)?.slice(0, 200)}`);
        if (res.status >= 400 || method === 'GET') expect(await snapshot(t.app.database), `${method} ${target}: ${res.status}`).toBe(before);
      }), { numRuns: RUNS });
    }
    // Every route of the app, each a few runs with a snapshot of every table around each request: over a minute on a loaded machine.
  }, 180_000);

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ENTITIES.filter((e) => e.searchFields.length).map((e) => e.table));
  });
});
