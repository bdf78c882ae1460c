/**
 * Issue 14: the pipeline's totals by stage (count, amount, weighted amount of all opportunities) at
 * 1M opportunities, as the board asks for them, read from the totals the database keeps with every
 * write (opportunity.entity.ts groupTotals, migration 016), next to the same totals counted from the
 * records through the app (a filter every record passes) and as bare SQL, in the same run.
 *
 *   npx tsx bench/pipeline-totals.ts [--sizes 1000000] [--dbs sqlite,postgres] [--ms 1500]
 *
 * The data set is bench/opportunities.ts's (bench/opportunities-dataset.ts).
 * Writes bench/results/pipeline-totals-<date>.json.
 */
import { buildApp } from '../src/server/app.js';
import { opportunitiesDataset } from './opportunities-dataset.js';
import { arg, measure, runBenchAndWrite, runnerFor, sizesArg, type BenchDialect } from './support.js';

const SIZES = sizesArg('1000000');
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const TIMING = { budgetMs: Number(arg('ms', '1500')) };
const TOTALS = '/api/v1/opportunities?groupBy=stageId&sum=amount,weightedAmount';

async function benchOne(dialect: BenchDialect, size: number) {
  const { url } = await opportunitiesDataset(dialect, size);
  const app = await buildApp({ databaseUrl: url });
  const runner = await runnerFor(app, url);
  try {
    const kept = (await app.inject({ url: TOTALS })).json() as { total: number };
    const counted = (await app.inject({ url: `${TOTALS}&filter[id][gte]=0` })).json() as { total: number };
    const sum = dialect === 'sqlite' ? 'total' : 'sum';
    const raw = { sql: `SELECT stage_id, count(*) AS n, ${sum}(amount) AS a, ${sum}(weighted_amount) AS w FROM opportunities WHERE deleted_at IS NULL GROUP BY stage_id ORDER BY stage_id`, params: [] };
    return {
      dialect, size, total: kept.total, sameTotal: kept.total === counted.total,
      app: await measure(() => app.inject({ url: TOTALS }), TIMING),
      appCounted: await measure(() => app.inject({ url: `${TOTALS}&filter[id][gte]=0` }), TIMING),
      raw: await measure(() => runner.run(raw), TIMING),
      target: 'app p95 ≤ 50 ms',
    };
  } finally {
    await runner.close();
    await app.close();
  }
}

await runBenchAndWrite({
  name: 'pipeline-totals', sizes: SIZES, dbs: DBS, options: { sizes: SIZES, dbs: DBS, ...TIMING }, benchOne,
  summarize: (r) => ({ dialect: r.dialect, size: r.size, app: r.app.p95, appCounted: r.appCounted.p95, raw: r.raw.p95, met: r.app.p95 <= 50, sameTotal: r.sameTotal }),
});
