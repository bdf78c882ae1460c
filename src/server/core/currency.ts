import { type Kysely, sql } from 'kysely';
import { ENTITIES } from '../../shared/entities/registry.js';
import { currencyOf, defaultCurrencyFor, type Currency } from '../../shared/money.js';
import type { DbSchema } from '../db/database.js';
import { linesOf } from './line-items.js';

export const CURRENCY_KEY = 'currency';

/**
 * The installation's currency (DESIGN.md §3): chosen in Settings, else following the first
 * user's locale (ko → KRW, zh → CNY, en → USD). Money is stored in its minor units.
 */
export async function installationCurrency(executor: Kysely<DbSchema>): Promise<Currency & { chosen: boolean }> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${CURRENCY_KEY}`.execute(executor);
  if (rows[0]) return { ...currencyOf(rows[0].value), chosen: true };
  const { rows: users } = await sql<{ locale: string }>`SELECT locale FROM users ORDER BY id LIMIT 1`.execute(executor);
  return { ...currencyOf(defaultCurrencyFor(users[0]?.locale ?? 'en')), chosen: false };
}

/** Whether any amount is stored yet (in any money field or line, live or in Trash). */
export async function hasMoney(executor: Kysely<DbSchema>): Promise<boolean> {
  for (const e of ENTITIES) {
    for (const [name, f] of Object.entries(e.fields)) {
      const table = f.kind === 'money' ? e.table : f.kind === 'lines' ? linesOf(f).table : null;
      if (!table) continue;
      const col = f.kind === 'money' ? e.columnOf(name) : 'unit_price';
      const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} WHERE ${sql.ref(col)} IS NOT NULL LIMIT 1`.execute(executor);
      if (rows.length) return true;
    }
  }
  return false;
}
