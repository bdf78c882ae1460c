import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrate, MIGRATIONS } from '../src/server/db/migrate.js';
import { replaceAllRows } from '../src/server/modules/lab/data/replace.js';
import { RESET_WORDS } from '../src/server/modules/lab/data/routes.js';
import { createContact, createCustomer, createGroup } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';
import { expectIntact } from './support/integrity.js';
import { snapshot } from './support/snapshot.js';

interface Backup { name: string; size: number; createdAt: string; reason: string }
interface Kept { backup: Backup & { folder: string; file: string } }

const SEARCHED = ENTITIES.filter((e) => e.searchFields.length).map((e) => e.table);

/** Every table's rows without the instants a migration stamps (a new installation's are "now"), minus the given tables. */
function contents(db: Database, skip: readonly string[] = []): Record<string, unknown[]> {
  const sqlite = db.sqlite as BetterSqlite3.Database;
  const names = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts_%' AND name NOT LIKE '%_grams_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const name of names.filter((n) => !skip.includes(n))) {
    out[name] = (sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[])
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['created_at', 'updated_at', 'changed_at', 'built_at'].includes(k))))).sort();
  }
  return out;
}

function countIn(file: string, table: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Number((db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted_at IS NULL`).get() as { n: number }).n);
  } finally {
    db.close();
  }
}

const total = async (t: TestApp, entities: string) => (await call<Page>(t.app, 'GET', `/api/v1/${entities}?total=exact&limit=1`)).body.total;
const backups = async (t: TestApp) => (await call<{ folder: string; items: Backup[] }>(t.app, 'GET', '/api/v1/lab/backups')).body;

/** Issue 13, "starting over": reset, sample data and restore on the standalone app (SQLite). */
describe('lab data on sqlite', () => {
  const sqlite = DATABASES[0];
  let t: TestApp;
  let fresh: TestApp;
  let oldNames: string[];
  beforeAll(async () => {
    [t, fresh] = await Promise.all([startApp(sqlite), startApp(sqlite)]);
    const group = await createGroup(t.app);
    const a = await createCustomer(t.app, { name: '삼성전자 연습' });
    const b = await createCustomer(t.app, { name: 'Practice Trading' });
    await createContact(t.app, a.id);
    expect((await call(t.app, 'POST', `/api/v1/customer-groups/${group.id}/members`, { customerIds: [a.id, b.id] })).status).toBeLessThan(300);
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { userName: 'Kim Minji', setupDone: true, currency: 'KRW', installationTimeZone: 'Asia/Seoul' })).status).toBe(200);
    oldNames = ['Practice Trading', '삼성전자 연습'];
  });
  afterAll(async () => { await Promise.all([t?.close(), fresh?.close()]); });

  it('a wrong or missing word is a 400 naming confirm, and changes nothing', async () => {
    const before = await snapshot(t.app.database);
    for (const body of [{ confirm: 'reset please' }, { confirm: '' }, {}, { confirm: 1 }, { confirm: 'RESETT' }]) {
      const res = await call<Problem>(t.app, 'POST', '/api/v1/lab/reset', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['confirm']);
    }
    expect(await snapshot(t.app.database)).toBe(before);
    expect((await backups(t)).items).toEqual([]);
  });

  it('reset keeps a backup of the old data and leaves a new installation (the first-start answers kept)', async () => {
    const res = await call<Kept>(t.app, 'POST', '/api/v1/lab/reset', { confirm: '초기화' });
    expect(res.status, res.raw).toBe(200);
    const folder = path.join(path.dirname(t.app.database.sqliteFile ?? ''), 'backups');
    expect(res.body.backup).toMatchObject({ reason: 'reset', folder, file: path.join(folder, res.body.backup.name) });
    expect(countIn(res.body.backup.file, 'customers')).toBe(2);
    expect(countIn(res.body.backup.file, 'contacts')).toBe(1);
    const list = await backups(t);
    expect(list.folder).toBe(folder);
    expect(list.items).toEqual([{ name: res.body.backup.name, size: res.body.backup.size, createdAt: res.body.backup.createdAt, reason: 'reset' }]);

    expect(await total(t, 'customers')).toBe(0);
    expect(await total(t, 'contacts')).toBe(0);
    expect((await call<Page>(t.app, 'GET', '/api/v1/customers?q=삼성')).body.items).toEqual([]);
    const groups = (await call<Page>(t.app, 'GET', '/api/v1/customer-groups?limit=50')).body.items;
    expect(groups).toHaveLength(5);
    expect(contents(t.app.database, ['settings', 'users'])).toEqual(contents(fresh.app.database, ['settings', 'users']));
    const settings = (await call<{ userName: string; setupDone: boolean; currency: { code: string }; installationTimeZone: { zone: string } }>(t.app, 'GET', '/api/v1/settings')).body;
    expect(settings).toMatchObject({ userName: 'Kim Minji', setupDone: true, currency: { code: 'KRW' }, installationTimeZone: { zone: 'Asia/Seoul' } });
    await expectIntact(t.app.database, SEARCHED);
    // A new record after the reset takes the first id, as in a new installation.
    expect((await createCustomer(t.app, { name: 'After reset' })).id).toBe(1);
  });

  it('the word the dialog shows in each language is one the server accepts', () => {
    const words = ['en', 'ko', 'zh-CN'].map((l) => (JSON.parse(fs.readFileSync(`src/shared/i18n/${l}.json`, 'utf8')) as { labData: { reset: { word: string } } }).labData.reset.word);
    expect(words).toEqual([...RESET_WORDS]);
  });

  it('the word may be typed in any of the three languages', async () => {
    for (const confirm of ['RESET', 'reset', '重置']) expect((await call(t.app, 'POST', '/api/v1/lab/reset', { confirm })).status).toBe(200);
    expect(await total(t, 'customers')).toBe(0);
  });

  it('sample data keeps a backup and fills a practice company', async () => {
    await createCustomer(t.app, { name: 'Before sample' });
    const res = await call<Kept>(t.app, 'POST', '/api/v1/lab/sample-data', {});
    expect(res.status, res.raw).toBe(200);
    expect(res.body.backup.reason).toBe('sample-data');
    expect(countIn(res.body.backup.file, 'customers')).toBe(1);
    expect(await total(t, 'customers')).toBe(60);
    for (const e of ['contacts', 'activities', 'products', 'opportunities', 'sales', 'service-feedback', 'expenses']) expect(await total(t, e), e).toBeGreaterThan(0);
    const members = (await call<Page>(t.app, 'GET', '/api/v1/customer-groups?limit=50')).body.items;
    expect(members.length).toBeGreaterThanOrEqual(5);
    const settings = (await call<{ userName: string; currency: { code: string } }>(t.app, 'GET', '/api/v1/settings')).body;
    expect(settings).toMatchObject({ userName: 'Kim Minji', currency: { code: 'KRW' } });
    const first = (await call<Page>(t.app, 'GET', '/api/v1/customers?limit=1&sort=id')).body.items[0];
    expect((await call<Page>(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent(String(first.name).slice(0, 3))}`)).body.total).toBeGreaterThan(0);
    const trend = await call(t.app, 'GET', '/api/v1/analysis/trend?measure=salesAmount&period=lastMonths&months=12&granularity=month');
    expect(trend.status, trend.raw).toBe(200);
    await expectIntact(t.app.database, SEARCHED);
  });

  it('restore brings the old data back and keeps a backup of what it replaced', async () => {
    const list = await backups(t);
    const first = list.items.find((b) => b.reason === 'reset' && countIn(path.join(list.folder, b.name), 'customers') === 2);
    expect(first).toBeDefined();
    const res = await call<Kept & { restored: string }>(t.app, 'POST', `/api/v1/lab/backups/${first?.name}/restore`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body.backup.reason).toBe('restore');
    expect(countIn(res.body.backup.file, 'customers')).toBe(60);
    const names = (await call<Page>(t.app, 'GET', '/api/v1/customers?sort=name')).body.items.map((c) => c.name);
    expect(names.sort()).toEqual(oldNames.sort());
    expect(await total(t, 'contacts')).toBe(1);
    expect((await call<Page>(t.app, 'GET', '/api/v1/customers?q=삼성')).body.total).toBe(1);
    await expectIntact(t.app.database, SEARCHED);
    // The restored backup stays, so it can be restored again.
    expect((await backups(t)).items.map((b) => b.name)).toContain(first?.name);
  });

  it('names that are not this feature\'s backups are refused: no path, no other file', async () => {
    const before = await snapshot(t.app.database);
    for (const name of ['..%2Ftest.db', '..', '%2E%2E', 'test.db', '%2Fetc%2Fpasswd', 'lab-20261202-043725-123-reset.db', 'lab-20261202-043725-123-reset.db%00', 'lab-x-reset.db', '..%5Ctest.db']) {
      for (const [method, url] of [['POST', `/api/v1/lab/backups/${name}/restore`], ['DELETE', `/api/v1/lab/backups/${name}`]] as const) {
        const res = await call<Problem>(t.app, method, url);
        expect([400, 404], `${method} ${url}`).toContain(res.status);
      }
    }
    expect(await snapshot(t.app.database)).toBe(before);
  });

  it('a backup from an older version is migrated before it is restored', async () => {
    const { folder } = await backups(t);
    const name = 'lab-20260101-000000-000-reset.db';
    const old = openDatabase(`sqlite:${path.join(folder, name)}`);
    const names = Object.keys(MIGRATIONS);
    await migrate(old, Object.fromEntries(names.slice(0, -1).map((n) => [n, MIGRATIONS[n]])));
    old.sqlite?.prepare(`INSERT INTO customers (name, search_text, search_grams, version, created_at, updated_at) VALUES ('Old version', 'old version', 'old version', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`).run();
    await old.close();
    const res = await call<Kept>(t.app, 'POST', `/api/v1/lab/backups/${name}/restore`);
    expect(res.status, res.raw).toBe(200);
    expect((await call<Page>(t.app, 'GET', '/api/v1/customers')).body.items.map((c) => c.name)).toEqual(['Old version']);
    expect((await call<Page>(t.app, 'GET', '/api/v1/customers?q=old')).body.total).toBe(1);
    // The backup file itself is left as it was.
    const file = new BetterSqlite3(path.join(folder, name), { readonly: true });
    expect((file.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(names.length - 1);
    file.close();
    await expectIntact(t.app.database, SEARCHED);
  });

  it('a backup that is not a Rapport database is refused and nothing changes', async () => {
    const { folder } = await backups(t);
    const name = 'lab-20260102-000000-000-restore.db';
    fs.writeFileSync(path.join(folder, name), 'not a database');
    const before = await snapshot(t.app.database);
    const res = await call<Problem>(t.app, 'POST', `/api/v1/lab/backups/${name}/restore`);
    expect(res.status).toBe(409);
    expect(await snapshot(t.app.database)).toBe(before);
  });

  it('a replacement that fails at COMMIT (a broken reference) leaves the live data as it was', async () => {
    const { folder } = await backups(t);
    const broken = path.join(folder, '..', 'broken.db');
    const live = t.app.database.sqlite as BetterSqlite3.Database;
    live.prepare('VACUUM INTO ?').run(broken);
    const src = new BetterSqlite3(broken);
    src.pragma('foreign_keys = OFF');
    expect(src.prepare('UPDATE customers SET owner_id = 999999').run().changes).toBeGreaterThan(0);
    src.close();
    const before = await snapshot(t.app.database);
    await t.app.database.kysely.connection().execute(async () => {
      expect(() => replaceAllRows(live, broken)).toThrow(/FOREIGN KEY/);
    });
    expect(live.inTransaction).toBe(false);
    expect(await snapshot(t.app.database)).toBe(before);
    await expectIntact(t.app.database, SEARCHED);
  });

  it('a backup is deleted, and is gone from the list', async () => {
    const { items } = await backups(t);
    const victim = items[items.length - 1];
    expect((await call(t.app, 'DELETE', `/api/v1/lab/backups/${victim.name}`)).status).toBe(204);
    expect((await backups(t)).items.map((b) => b.name)).not.toContain(victim.name);
    expect((await call(t.app, 'POST', `/api/v1/lab/backups/${victim.name}/restore`)).status).toBe(404);
  });
});

describe.each(DATABASES.filter((d) => d.name === 'postgres'))('lab data on $name (a team server)', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(database);
    await createCustomer(t.app, { name: 'Team customer' });
  });
  afterAll(async () => { await t?.close(); });

  it('every lab data route is refused with 403 and changes nothing', async () => {
    const before = await snapshot(t.app.database);
    for (const [method, url, body] of [
      ['POST', '/api/v1/lab/reset', { confirm: 'RESET' }],
      ['POST', '/api/v1/lab/sample-data', {}],
      ['GET', '/api/v1/lab/backups', undefined],
      ['POST', '/api/v1/lab/backups/lab-20261202-043725-123-reset.db/restore', undefined],
      ['DELETE', '/api/v1/lab/backups/lab-20261202-043725-123-reset.db', undefined],
    ] as const) {
      const res = await call<Problem>(t.app, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toMatch(/team server.*administrator/);
    }
    expect(await snapshot(t.app.database)).toBe(before);
    expect(await total(t, 'customers')).toBe(1);
  });
});
