import fs from 'node:fs';
import { type Migration, Migrator } from 'kysely';
import type { Database } from './database.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-reference-data.js';
import * as m003 from './migrations/003-filtered-sort-indexes.js';
import * as m004 from './migrations/004-groups-contacts.js';
import * as m005 from './migrations/005-activities.js';
import * as m006 from './migrations/006-products.js';
import * as m007 from './migrations/007-opportunities-sales.js';
import * as m008 from './migrations/008-user-labels.js';
import * as m009 from './migrations/009-service-expenses.js';
import * as m010 from './migrations/010-attachments.js';
import * as m011 from './migrations/011-analysis.js';
import * as m012 from './migrations/012-analysis-indexes.js';
import * as m013 from './migrations/013-service-expense-indexes.js';
import * as m014 from './migrations/014-usage.js';
import * as m015 from './migrations/015-list-column-indexes.js';
import * as m016 from './migrations/016-pipeline-totals.js';
import * as m017 from './migrations/017-accounts.js';
import * as m018 from './migrations/018-imports.js';
import * as m019 from './migrations/019-duplicates.js';

/** Listed explicitly (not read from disk) so the order is reviewable and bundling-safe. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-reference-data': m002,
  '003-filtered-sort-indexes': m003,
  '004-groups-contacts': m004,
  '005-activities': m005,
  '006-products': m006,
  '007-opportunities-sales': m007,
  '008-user-labels': m008,
  '009-service-expenses': m009,
  '010-attachments': m010,
  '011-analysis': m011,
  '012-analysis-indexes': m012,
  '013-service-expense-indexes': m013,
  '014-usage': m014,
  '015-list-column-indexes': m015,
  '016-pipeline-totals': m016,
  '017-accounts': m017,
  '018-imports': m018,
  '019-duplicates': m019,
};

export interface MigrateResult { applied: string[]; backup?: string }

/**
 * Brings the schema to the latest version. Before an existing SQLite database is
 * changed, a copy is written beside it, so a failed upgrade never strands the data.
 */
export async function migrate(database: Database, migrations: Record<string, Migration> = MIGRATIONS, opts: { backup?: boolean } = {}): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: database.kysely,
    provider: { getMigrations: async () => migrations },
  });
  const known = await migrator.getMigrations();
  const pending = known.filter((m) => !m.executedAt);
  if (pending.length === 0) return { applied: [] };
  let backup: string | undefined;
  const isExisting = known.some((m) => m.executedAt);
  // A restore migrates a staged copy whose original is still there: it needs no second copy (opts.backup false).
  if (opts.backup !== false && database.sqlite && database.sqliteFile && isExisting && fs.existsSync(database.sqliteFile)) {
    backup = `${database.sqliteFile}.before-${pending[0].name}.${Date.now()}.bak`;
    await database.sqlite.backup(backup);
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed} failed: ${why}${backup ? ` (the database before it is saved at ${backup})` : ''}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), backup };
}
