import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate, MIGRATIONS } from '../src/server/db/migrate.js';
import { backupDatabase, restoreDatabase } from '../src/server/ops/backup-restore.js';
import { createCustomer } from './support/builders.js';
import { DATABASES } from './support/databases.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-ops-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function customerNames(url: string): Promise<string[]> {
  const db = openDatabase(url);
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM customers ORDER BY name`.execute(db.kysely);
    return rows.map((r) => r.name);
  } finally {
    await db.close();
  }
}

/** An app on `url` with the given customers, closed again (a server that has stopped). */
async function withCustomers(url: string, names: readonly string[]): Promise<void> {
  const app = await buildApp({ databaseUrl: url });
  try {
    for (const name of names) await createCustomer(app, { name });
  } finally {
    await app.close();
  }
}

/**
 * Writes pairs of settings in one transaction each until stopped: a consistent copy has every pair
 * whole. Returns how many pairs were written.
 */
function writePairs(url: string): { stop: () => Promise<number> } {
  const db = openDatabase(url);
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      await db.kysely.transaction().execute(async (tx) => {
        await sql`INSERT INTO settings (key, value) VALUES (${`pair:${n}:a`}, ${String(n)})`.execute(tx);
        await new Promise((r) => setImmediate(r)); // lets a backup step run between the two halves
        await sql`INSERT INTO settings (key, value) VALUES (${`pair:${n}:b`}, ${String(n)})`.execute(tx);
      });
      n += 1;
    }
  })();
  return { stop: async () => { running = false; await loop; await db.close(); return n; } };
}

async function pairs(url: string): Promise<{ a: number; b: number }> {
  const db = openDatabase(url);
  try {
    const { rows } = await sql<{ a: number; b: number }>`SELECT
      sum(CASE WHEN key LIKE 'pair:%:a' THEN 1 ELSE 0 END) AS a, sum(CASE WHEN key LIKE 'pair:%:b' THEN 1 ELSE 0 END) AS b FROM settings`.execute(db.kysely);
    return { a: Number(rows[0].a ?? 0), b: Number(rows[0].b ?? 0) };
  } finally {
    await db.close();
  }
}

/**
 * Takes a backup of `url` while pairs are being written, restores it into `target`: the restored
 * pairs are whole (each written in one transaction) and no more than were written.
 */
async function backupDuringWrites(url: string, file: string, afterMs: number, target: string): Promise<void> {
  await withCustomers(url, ['Alpha']);
  const writer = writePairs(url);
  await new Promise((r) => setTimeout(r, afterMs));
  await backupDatabase(url, file);
  const written = await writer.stop();
  await restoreDatabase(target, file);
  const restored = await pairs(target);
  expect(restored.a).toBe(restored.b);
  expect(restored.a).toBeGreaterThan(0);
  expect(restored.a).toBeLessThanOrEqual(written);
}

describe('rapport backup / restore on sqlite (issue 14)', () => {
  const database = DATABASES[0];
  const setUp = async () => {
    const created = await database.create();
    cleanups.push(() => created.drop());
    return created.url;
  };
  const fileOf = (url: string) => url.slice('sqlite:'.length);
  const listing = (dir: string) => fs.readdirSync(dir).sort();

  it('a backup restores: the replaced database is kept beside it with a timestamp, and no -wal of it is left', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha', 'Beta']);
    const file = path.join(scratch(), 'backup.db');
    await backupDatabase(url, file);
    await withCustomers(url, ['Gamma']);
    expect(await customerNames(url)).toEqual(['Alpha', 'Beta', 'Gamma']);

    const r = await restoreDatabase(url, file);
    expect(await customerNames(url)).toEqual(['Alpha', 'Beta']);
    expect(r.kept).toMatch(/\.before-restore\.\d+\.bak$/);
    expect(path.dirname(r.kept ?? '')).toBe(path.dirname(fileOf(url)));
    expect(await customerNames(`sqlite:${r.kept}`)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(r.migrated).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    expect(listing(path.dirname(fileOf(url))).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('is refused while a server has the database open, and nothing changes', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha']);
    const file = path.join(scratch(), 'backup.db');
    await backupDatabase(url, file);
    const app = await buildApp({ databaseUrl: url });
    try {
      await createCustomer(app, { name: 'Live' });
      const before = listing(path.dirname(fileOf(url)));
      await expect(restoreDatabase(url, file)).rejects.toThrow(/is in use .*stop the server first; nothing was changed/);
      expect(listing(path.dirname(fileOf(url)))).toEqual(before);
      expect((await app.inject({ url: '/api/v1/customers?total=exact' })).json()).toMatchObject({ total: 2 });
    } finally {
      await app.close();
    }
    expect(await customerNames(url)).toEqual(['Alpha', 'Live']);
  });

  it('a file that is not a Rapport database is refused with a clear message, and nothing changes', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha']);
    const dir = scratch();
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, 'these are not the rows you are looking for');
    const other = path.join(dir, 'other.db');
    const foreign = new BetterSqlite3(other);
    foreign.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
    foreign.close();
    const newer = path.join(dir, 'newer.db');
    await backupDatabase(url, newer);
    const n = new BetterSqlite3(newer);
    n.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('999-from-the-future', new Date().toISOString());
    n.close();
    const before = listing(path.dirname(fileOf(url)));

    await expect(restoreDatabase(url, text)).rejects.toThrow('notes.db is not a Rapport database that can be read; nothing was changed.');
    await expect(restoreDatabase(url, other)).rejects.toThrow('other.db is not a Rapport database that can be read; nothing was changed.');
    await expect(restoreDatabase(url, newer)).rejects.toThrow('newer.db was written by a newer Rapport (it has 999-from-the-future); nothing was changed.');
    expect(listing(path.dirname(fileOf(url)))).toEqual(before);
    expect(await customerNames(url)).toEqual(['Alpha']);
  });

  it('an older backup is migrated when restored', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha']);
    // What a backup of the version before the latest migration looks like: a database migrated that far.
    const file = path.join(scratch(), 'old.db');
    const names = Object.keys(MIGRATIONS);
    const old = openDatabase(`sqlite:${file}`);
    await migrate(old, Object.fromEntries(names.slice(0, -1).map((n) => [n, MIGRATIONS[n]])));
    await sql`INSERT INTO customers (name, created_at, updated_at) VALUES ('Old', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(old.kysely);
    await old.close();
    const r = await restoreDatabase(url, file);
    expect(r.migrated).toEqual(names.slice(-1));
    expect(await customerNames(url)).toEqual(['Old']);
  });

  it('a backup taken while writes run restores to a consistent state', async () => {
    const url = await setUp();
    await backupDuringWrites(url, path.join(scratch(), 'during.db'), 50, url);
    const check = new BetterSqlite3(fileOf(url), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});

describe.skipIf(DATABASES.length < 2)('rapport backup / restore on postgres (issue 14)', () => {
  const database = DATABASES[1];
  const setUp = async () => {
    const created = await database.create();
    cleanups.push(() => created.drop());
    return created.url;
  };

  it('a pg_dump backup restores, the replaced data is dumped beside the file, and it is refused while a server is connected', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha', 'Beta']);
    const dir = scratch();
    const file = path.join(dir, 'backup.dump');
    await backupDatabase(url, file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    await withCustomers(url, ['Gamma']);

    const app = await buildApp({ databaseUrl: url });
    try {
      await app.inject({ url: '/api/health' });
      await expect(restoreDatabase(url, file)).rejects.toThrow(/other session\(s\) are connected .*stop the Rapport servers first, or add --force; nothing was changed/);
    } finally {
      await app.close();
    }
    expect(await customerNames(url)).toEqual(['Alpha', 'Beta', 'Gamma']);

    const r = await restoreDatabase(url, file);
    expect(await customerNames(url)).toEqual(['Alpha', 'Beta']);
    expect(r.kept).toMatch(/-before-restore-\d+\.dump$/);
    expect(path.dirname(r.kept ?? '')).toBe(dir);
  });

  it('a file that is not a Rapport dump is refused, and nothing changes', async () => {
    const url = await setUp();
    await withCustomers(url, ['Alpha']);
    const dir = scratch();
    const text = path.join(dir, 'notes.dump');
    fs.writeFileSync(text, 'not a dump');
    await expect(restoreDatabase(url, text)).rejects.toThrow('notes.dump is not a PostgreSQL backup (pg_dump -Fc) that can be read; nothing was changed.');
    expect(fs.readdirSync(dir)).toEqual(['notes.dump']);
    expect(await customerNames(url)).toEqual(['Alpha']);
  });

  it('a backup taken while writes run restores to a consistent state', async () => {
    const url = await setUp();
    const target = await setUp();
    await backupDuringWrites(url, path.join(scratch(), 'during.dump'), 100, target);
    expect(await customerNames(target)).toEqual(['Alpha']);
  });
});
