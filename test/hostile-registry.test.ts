import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { writableFields } from '../src/shared/entity/schema.js';
import { exportFormatNames } from '../src/server/core/formats.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import {
  answerOf, applyMutations, buildPools, fieldPaths, edgeValues, expectExportNeutralised, expectRecordCsvFaithful, filterEdges, FREE_TEXT_KINDS, expectFieldsNamed, expectReadsBack, expectWellFormed, HOSTILE_IDS, listQuery, mutations, parsedBody,
  RawJson, send, stateFor, withFreshUniques, type Mutation, type Pools,
} from './support/hostile.js';
import { call, type Page, type Problem } from './support/http.js';
import { expectIntact } from './support/integrity.js';
import { sampleBody, sampleValue } from './support/samples.js';
import { snapshot } from './support/snapshot.js';

/** Runs per entity and route: enough to meet every field kind's hostile values over a few runs of the suite, few enough for both databases in well under a minute. */
const RUNS = 25;

interface Fixture {
  /** A valid create body, its references made for it; POST runs mutate it. */
  readonly createBody: Readonly<Record<string, unknown>>;
  /** The record PATCH runs write to, and the body it was created with (PATCH runs send parts of it). */
  readonly victim: { readonly id: number; readonly body: Readonly<Record<string, unknown>> };
  /** A valid value for every writable field, also those the sample leaves out (the other state of a `when`). */
  readonly valid: Readonly<Record<string, unknown>>;
}

/** The version a PATCH carries: the current one mostly, else stale, ahead, missing or not a version at all. */
type VersionChoice = 'current' | 'stale' | 'ahead' | 'missing' | { readonly value: unknown };
const versionChoice = fc.oneof(
  { weight: 6, arbitrary: fc.constant<VersionChoice>('current') },
  { weight: 3, arbitrary: fc.constantFrom<VersionChoice>('stale', 'ahead', 'missing') },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, '1', -1, 1.5, 2 ** 53, new RawJson('1e400'), true).map((value): VersionChoice => ({ value })) },
);
function versionMutation(choice: VersionChoice, current: number): Mutation {
  if (choice === 'missing') return { key: 'version', drop: true };
  const value = choice === 'current' ? current : choice === 'stale' ? current - 1 : choice === 'ahead' ? current + 1 : choice.value;
  return { key: 'version', value };
}

const writable = (entity: EntityDef): string[] => writableFields(entity).map(([name]) => name);
const entities = ENTITIES.map((entity) => ({ entity, name: entity.name }));

describe.each(DATABASES)('hostile input to every entity in the registry on $name', (database) => {
  let t: TestApp;
  let pools: Pools;
  const fixtures = new Map<string, Fixture>();
  beforeAll(async () => {
    t = await startApp(database);
    // A zone whose offset is not zero, and had seconds before 1908, so exports convert every instant.
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { installationTimeZone: 'Asia/Seoul' })).status).toBe(200);
    const built = await buildPools(t.app);
    pools = built.pools;
    for (const entity of ENTITIES) {
      const createBody = await sampleBody(t.app, entity, 'Hostile');
      const valid: Record<string, unknown> = {};
      for (const [name, f] of writableFields(entity)) valid[name] = name in createBody ? createBody[name] : await sampleValue(t.app, f, 'Valid');
      // The pools' live record is the one PATCH runs write to.
      const victim = { id: pools.records.get(entity.name)?.live ?? 0, body: built.liveBodies.get(entity.name) ?? {} };
      fixtures.set(entity.name, { createBody, victim, valid });
    }
  });
  afterAll(async () => { await t?.close(); });

  const fixtureOf = (entity: EntityDef): Fixture => {
    const f = fixtures.get(entity.name);
    if (!f) throw new Error(`no fixture for ${entity.name}`);
    return f;
  };
  const dump = () => snapshot(t.app.database);

  describe.each(entities)('$name', ({ entity }) => {
    const base = `/api/v1/${entity.path}`;
    // Keys a body may carry: a 400 names every other key sent.
    const onCreate = new Set(writable(entity));
    const onUpdate = new Set([...onCreate, 'version']);

    it('POST with bodies from the definition, mutated: 201 that reads back as sent, or 400 naming the fields and nothing written', async () => {
      const { createBody, valid } = fixtureOf(entity);
      await fc.assert(fc.asyncProperty(mutations(entity, pools, valid, ['version']), async (changes) => {
        const body = withFreshUniques(entity, createBody, applyMutations(createBody, changes));
        const sent = parsedBody(body);
        const before = await dump();
        const res = await send(t.app, 'POST', base, body);
        expectWellFormed(res, `POST ${base}`);
        if (res.status === 201) {
          const record = res.body as Record<string, unknown> & { id: number };
          try {
            expect(res.headers.location).toBe(`${base}/${record.id}`);
            await expectReadsBack(t.app, entity, record, sent);
          } finally {
            // To Trash, also when a check failed: its unique values and one-per-record links are free for the next run (and shrinking) again.
            expect((await call(t.app, 'DELETE', `${base}/${record.id}`)).status).toBe(204);
          }
          return;
        }
        expect([400, 409], res.raw).toContain(res.status);
        if (res.status === 400) expectFieldsNamed(res, entity, sent, onCreate);
        expect(await dump()).toBe(before);
      }), { numRuns: RUNS });
    });

    it('PATCH with parts of a valid body, mutated, and any version: 200 with the next version, or 4xx and the record unchanged', async () => {
      const { victim, valid } = fixtureOf(entity);
      const url = `${base}/${victim.id}`;
      await fc.assert(fc.asyncProperty(fc.subarray(Object.keys(victim.body)), mutations(entity, pools, valid), versionChoice, async (keys, changes, version) => {
        const current = (await call<{ version: number }>(t.app, 'GET', url)).body;
        const start = Object.fromEntries(keys.map((k) => [k, victim.body[k]]));
        const body = applyMutations(start, [versionMutation(version, current.version), ...changes]);
        const sent = parsedBody(body);
        const before = await dump();
        const res = await send(t.app, 'PATCH', url, body);
        expectWellFormed(res, `PATCH ${url}`);
        if (res.status === 200) {
          const record = res.body as Record<string, unknown> & { id: number; version: number };
          expect(record.version).toBe(current.version + 1);
          await expectReadsBack(t.app, entity, record, sent);
          return;
        }
        expect([400, 409], res.raw).toContain(res.status);
        if (res.status === 400) expectFieldsNamed(res, entity, sent, onUpdate);
        if (res.status === 409) {
          expect(sent.version).not.toBe(current.version);
          expect((res.body as Problem).current).toEqual(current);
        }
        expect(await dump()).toBe(before);
      }), { numRuns: RUNS });
    });

    it('each edge value of each field sent alone (with its `when` state): 200 and stored as sent, or 400 naming the field and the record unchanged', async () => {
      const { victim, valid } = fixtureOf(entity);
      const url = `${base}/${victim.id}`;
      let current = (await call<Record<string, unknown> & { version: number }>(t.app, 'GET', url)).body;
      for (const [name, f] of writableFields(entity)) {
        for (const value of edgeValues(f, pools)) {
          const body = new Map<string, unknown>([['version', current.version], ...Object.entries(stateFor(entity, name, valid)), [name, value]]);
          const sent = parsedBody(body);
          const res = await send(t.app, 'PATCH', url, body);
          expectWellFormed(res, `PATCH ${url} ${name}`);
          if (res.status === 200) {
            current = res.body as Record<string, unknown> & { id: number; version: number };
            await expectReadsBack(t.app, entity, current, sent);
            // The title names the record's own file and sheet, and dates and instants are converted on the way out: each exports as it is held.
            if (name === entity.titleField || f.kind === 'date' || f.kind === 'datetime') {
              for (const format of name === entity.titleField ? ['xlsx', 'csv'] : ['csv']) {
                const file = await t.app.inject({ method: 'GET', url: `${url}/export?format=${format}` });
                expect(file.statusCode, `${name} ${JSON.stringify(value)}: ${file.body.slice(0, 200)}`).toBe(200);
                await expectExportNeutralised(format, file.rawPayload, `${url}/export?format=${format}`);
                if (format === 'csv') expectRecordCsvFaithful(entity, current, file.rawPayload, `${url}/export?format=csv after ${name} ${JSON.stringify(value)}`);
              }
            }
            continue;
          }
          expect(res.status, res.raw).toBe(400);
          expectFieldsNamed(res, entity, sent, onUpdate);
          // The properties above compare whole databases; one value at a time, the record is what it may have spoilt.
          expect((await call(t.app, 'GET', url)).body).toEqual(current);
        }
      }
    });

    it('GET list, count and exports with hostile sort, filter, groupBy, sum, q, cursor, limit, total, locale, format: 200 or 400, and no read writes', async () => {
      const { victim } = fixtureOf(entity);
      const sample = (await call(t.app, 'GET', `${base}/${victim.id}`)).body;
      const formats = ['csv', 'xlsx', ...exportFormatNames(entity.name)];
      const routes = ['', '/count', '/export', `/${victim.id}/export`];
      const before = await dump();
      await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), listQuery(entity, sample, formats), async (route, query) => {
        const url = `${base}${route}?${query}`;
        const res = await t.app.inject({ method: 'GET', url });
        expectWellFormed(answerOf(res), `GET ${url}`);
        expect([200, 400], `GET ${url}: ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) return;
        const type = String(res.headers['content-type']);
        if (route.endsWith('export')) {
          await expectExportNeutralised(type.startsWith('text/csv') ? 'csv' : type.includes('spreadsheetml') ? 'xlsx' : type, res.rawPayload, `GET ${url}`);
        } else if (route === '/count') {
          expect(typeof res.json<{ total: unknown }>().total).toBe('number');
        } else {
          const page = res.json<Partial<Page> & { groups?: unknown[] }>();
          expect(Array.isArray(page.items) || Array.isArray(page.groups), url).toBe(true);
        }
      }), { numRuns: RUNS });
      expect(await dump()).toBe(before);
    });

    it('each filter edge value of each field with each operator that reads it: 200 or 400; a NUL in a parameter is a 400 naming it', async () => {
      // Own fields with every edge; paths through a reference or lines with two, one path per kind (the SQL differs by those).
      const paths = fieldPaths(entity, true).map(([p, f]) => [p, f, 2] as const);
      for (const [name, f, most] of [...Object.entries(entity.allFields).map(([n, f]) => [n, f, Infinity] as const), ...paths]) {
        const { ops, values } = filterEdges(f);
        for (const op of [...ops, ...(name.includes('.') ? ['[nin]', '[empty]'] : [])]) {
          for (const value of values.slice(0, most)) {
            const url = `${base}?${encodeURIComponent(`filter[${name}]${op}`)}=${encodeURIComponent(value)}`;
            const res = await send(t.app, 'GET', url);
            expectWellFormed(res, `GET ${url}`);
            expect([200, 400], `GET ${url}: ${res.raw.slice(0, 300)}`).toContain(res.status);
          }
        }
      }
      for (const param of ['q', `filter[${entity.titleField}]`, `filter[${entity.titleField}][contains]`]) {
        const res = await send(t.app, 'GET', `${base}?${encodeURIComponent(param)}=a%00b`);
        expect(res.status, res.raw).toBe(400);
        expect((res.body as Problem).errors?.[0].field).toBe(param);
      }
    });

    it('GET, PATCH, DELETE, restore and export with hostile ids, and of a record in Trash: 4xx problem+json, nothing written', async () => {
      const { victim } = fixtureOf(entity);
      const trashed = String(pools.records.get(entity.name)?.trashed);
      const before = await dump();
      const requests: [method: 'GET' | 'PATCH' | 'DELETE' | 'POST', path: string][] = [[`POST`, `/${victim.id}/restore`]];
      for (const id of [...HOSTILE_IDS, trashed]) {
        requests.push(['GET', `/${id}`], ['PATCH', `/${id}`], ['DELETE', `/${id}`], ['GET', `/${id}/export`]);
        if (id !== trashed) requests.push(['POST', `/${id}/restore`]);
      }
      for (const [method, path] of requests) {
        const res = await send(t.app, method, `${base}${path}`, method === 'PATCH' ? new Map([['version', 1]]) : undefined);
        expectWellFormed(res, `${method} ${base}${path}`);
        expect(res.status, `${method} ${base}${path}`).toBeGreaterThanOrEqual(400);
      }
      expect(await dump()).toBe(before);
    });
  });

  it('exports of every entity, live and in Trash, as CSV and XLSX: every cell that would start a formula is quoted', async () => {
    for (const entity of ENTITIES) {
      const { id } = fixtureOf(entity).victim;
      const record = (await call(t.app, 'GET', `/api/v1/${entity.path}/${id}`)).body;
      // The edge-value sweep ends each free-text field of this record on a formula, where the record still takes one.
      const formulas = entity.exportColumns.filter((c) => FREE_TEXT_KINDS.includes(entity.allFields[c].kind) && /^[=+\-@\t\r]/.test(String(record[c] ?? ''))).length;
      for (const format of ['csv', 'xlsx']) {
        for (const trash of ['0', '1']) {
          const url = `/api/v1/${entity.path}/export?format=${format}&trash=${trash}`;
          const res = await t.app.inject({ method: 'GET', url });
          expect(res.statusCode, url).toBe(200);
          await expectExportNeutralised(format, res.rawPayload, url);
        }
        const one = `/api/v1/${entity.path}/${id}/export?format=${format}`;
        const res = await t.app.inject({ method: 'GET', url: one });
        expect(res.statusCode, one).toBe(200);
        expect(await expectExportNeutralised(format, res.rawPayload, one), `${one}: quoted formulas`).toBeGreaterThanOrEqual(formulas);
        if (format === 'csv') expectRecordCsvFaithful(entity, record, res.rawPayload, one);
      }
    }
  });

  it('no key sent reached Object.prototype, and the database is intact (integrity, foreign keys, search indexes)', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectIntact(t.app.database, ENTITIES.filter((e) => e.searchFields.length).map((e) => e.table));
  });
});
