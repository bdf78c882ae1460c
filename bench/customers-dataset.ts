/**
 * The 1M-customer data set the throughput and export benches share: the deterministic demo seed
 * (the same files and databases as `npm run bench`, bench/run.ts), generated once and reused.
 *
 *   npx tsx bench/customers-dataset.ts [--sizes 1000000] [--dbs sqlite,postgres]   # only generates
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo, type SeedResult } from '../src/server/seed/demo.js';
import { arg, cachedDataset, log, sizesArg, type CachedDataset } from './support.js';

/** bench/run.ts's name for the same generator: both benches find each other's data sets. */
const DATASET = 'demo-v1';
const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');

async function generate(db: Database, size: number): Promise<SeedResult> {
  await migrate(db);
  let last = 0;
  const r = await seedDemo(db, { customers: size, onProgress: (done) => { if (done - last >= size / 10 || done === size) { last = done; log(`  ${done}/${size}`); } } });
  log(`  ${r.rowsPerSecond} rows/s (${(r.ms / 1000).toFixed(1)} s incl. index/FTS rebuild)`);
  return r;
}

/** `size` demo customers on SQLite (bench/.data) or PostgreSQL (rapport_bench_<size>). */
export function customersDataset(dialect: 'sqlite' | 'postgres', size: number): Promise<CachedDataset<SeedResult>> {
  return cachedDataset({ dialect, size, dataset: DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_${size}`, what: 'customers', generate: (db) => generate(db, size) });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dialect of arg('dbs', 'sqlite').split(',') as ('sqlite' | 'postgres')[]) {
    for (const size of sizesArg('1000000')) {
      const d = await customersDataset(dialect, size);
      log(`${dialect} ${size}: ${d.url} (${d.generation.cached ? 'cached' : 'generated'})`);
    }
  }
}
