import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../../db/database.js';
import { migrate } from '../../../db/migrate.js';
import { ensureKeys, rebuildKeys } from '../../../core/duplicates/keys.js';
import { ENTITIES } from '../../../../shared/entities/registry.js';
import { inspectSqliteFile, NotLoadableError } from '../../../ops/sqlite-check.js';
import { CURRENCY_KEY, installationCurrency } from '../../../core/currency.js';
import { ProblemError } from '../../../core/errors.js';
import { installationTimeZone, settleInstallation, TIME_ZONE_KEY } from '../../../core/installation.js';
import { seedDemo } from '../../../seed/demo.js';
import { seedDemoRelations } from '../../../seed/demo-relations.js';
import { seedDemoSales } from '../../../seed/demo-sales.js';
import { seedDemoService } from '../../../seed/demo-service.js';

/** A practice company: enough for every folder and analysis to show something, small enough to read. */
export const SAMPLE_CUSTOMERS = 60;

/** A scratch folder for a source database, removed with everything in it when `use` ends. */
export async function withScratch<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-lab-'));
  try {
    return await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withDatabase<T>(file: string, use: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(`sqlite:${file}`);
  try {
    return await use(db);
  } finally {
    await db.close(); // the last connection's close folds the WAL into the file, so ATTACH sees everything
  }
}

/**
 * The first-start answers (the user's name and language, the currency, the time zones, "setup
 * done"): a reset empties the data, it does not ask who you are again. Settings' `setup` key is
 * the one the settings module writes when the first-start dialog is answered.
 */
async function carryPreferences(live: Database, target: Database): Promise<void> {
  const { rows: settings } = await sql<{ key: string; value: string }>`SELECT key, value FROM settings
    WHERE key IN (${'setup'}, ${TIME_ZONE_KEY}, ${CURRENCY_KEY}) OR key LIKE ${'user:%:timeZone'}`.execute(live.kysely);
  for (const s of settings) await sql`INSERT INTO settings (key, value) VALUES (${s.key}, ${s.value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(target.kysely);
  const { rows: users } = await sql<{ id: number; name: string; name_labels: string | null; locale: string }>`SELECT id, name, name_labels, locale FROM users`.execute(live.kysely);
  for (const u of users) await sql`UPDATE users SET name = ${u.name}, name_labels = ${u.name_labels}, locale = ${u.locale} WHERE id = ${u.id}`.execute(target.kysely);
}

/** A new installation's database (migrated: dictionaries, the five groups…) with the live first-start answers. */
export async function buildEmpty(live: Database, file: string): Promise<void> {
  await withDatabase(file, async (db) => {
    await migrate(db);
    await carryPreferences(live, db);
    await rebuildKeys(db, ENTITIES);
  });
}

/** An empty database filled with the demo company, its amounts in the live installation's currency. */
export async function buildSample(live: Database, file: string): Promise<void> {
  const [currency, zone] = await Promise.all([installationCurrency(live.kysely), installationTimeZone(live.kysely)]);
  await withDatabase(file, async (db) => {
    await migrate(db);
    await carryPreferences(live, db);
    await settleInstallation(db.kysely, { currency: currency.code, timeZone: zone.zone });
    await seedDemo(db, { customers: SAMPLE_CUSTOMERS });
    const { rows } = await sql<{ id: number }>`SELECT id FROM customers ORDER BY id`.execute(db.kysely);
    const ids = rows.map((r) => Number(r.id));
    await seedDemoRelations(db, ids);
    await seedDemoSales(db, ids);
    await seedDemoService(db, ids);
    // Seeds write in bulk, past the hooks that keep the duplicate finder's keys.
    await rebuildKeys(db, ENTITIES);
  });
}

/**
 * A backup ready to load: the file itself when it was made by the same migrations, else a copy in
 * `dir` brought up to date. A backup from a newer Rapport (migrations this one does not know) is refused.
 */
export async function prepareBackup(file: string, dir: string): Promise<string> {
  let pending: string[];
  try {
    ({ pending } = inspectSqliteFile(file));
  } catch (e) {
    if (e instanceof NotLoadableError) throw new ProblemError(409, 'Conflict', e.message);
    throw e;
  }
  if (pending.length === 0) return file;
  const copy = path.join(dir, 'restore.db');
  fs.copyFileSync(file, copy);
  // An older backup has no duplicate keys yet: they are made with its migration.
  await withDatabase(copy, async (db) => { await migrate(db); await ensureKeys(db, ENTITIES); });
  return copy;
}
