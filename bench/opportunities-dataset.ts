/**
 * The opportunities data set bench/opportunities.ts and bench/pipeline-totals.ts share: 10,000 demo
 * customers, 2,000 products, 50 owners, N opportunities with 1–5 lines and 1–4 stage history rows
 * each, a sale for ~30% of the won ones (seed/opportunities.ts), generated once into bench/.data/
 * and databases rapport_bench_opportunities_<size>, then reused.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedOpportunities, type OpportunitySeedResult } from '../src/server/seed/opportunities.js';
import { cachedDataset, log, type CachedDataset } from './support.js';

/** Bump when the generator changes so cached data sets are rebuilt. */
export const OPPORTUNITIES_DATASET = 'opportunities-v1';
const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');
/** Fixed "now" so the data are the same on every run. */
export const OPPORTUNITIES_NOW = Date.parse('2026-03-15T00:00:00Z');

export type OpportunitiesGeneration = OpportunitySeedResult & { customers: number };

async function generate(db: Database, size: number): Promise<OpportunitiesGeneration> {
  await migrate(db);
  const c = await seedDemo(db, { customers: 10_000 });
  let last = 0;
  const g = await seedOpportunities(db, {
    opportunities: size, products: 2000, owners: 50, now: OPPORTUNITIES_NOW,
    onProgress: (d) => { if (d - last >= size / 10 || d === size) { last = d; log(`  ${d}/${size}`); } },
  });
  log(`  ${g.rows} rows (${g.opportunities} opportunities) in ${(g.ms / 1000).toFixed(1)} s: ${g.rowsPerSecond} rows/s, ${g.opportunitiesPerSecond} opportunities/s (index rebuild ${(g.indexRebuildMs / 1000).toFixed(1)} s)`);
  return { ...g, customers: c.customers };
}

/** `size` opportunities on SQLite (bench/.data) or PostgreSQL (rapport_bench_opportunities_<size>). */
export function opportunitiesDataset(dialect: string, size: number): Promise<CachedDataset<OpportunitiesGeneration>> {
  return cachedDataset({ dialect, size, dataset: OPPORTUNITIES_DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_opportunities_${size}`, what: 'opportunities', generate: (db) => generate(db, size) });
}
