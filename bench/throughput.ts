/**
 * Throughput of the customer list over real HTTP (issue 14): the app in its own process on 1M
 * customers, loaded by a keep-alive client at 50 connections, beside `/api/health` (the server's
 * own floor: routing, hooks and a tiny JSON answer) on the same run:
 *
 *   - /api/health at 50 connections
 *   - the list page as the grid asks it (`limit=50&total=none&locale=en`; the grid's total comes from /count)
 *   - the same with one request in ten a PATCH (each connection edits its own customer's notes,
 *     carrying the version its last answer gave; a 409 would be counted apart)
 *   - one connection, one request at a time: health and the list page (latency), beside the bare
 *     page SQL through better-sqlite3 in this process
 *   - for each, the app's own CPU time per request (process.cpuUsage), which other work on the
 *     machine does not inflate as it does latency
 *
 *   npx tsx bench/throughput.ts [--size 1000000] [--dbs sqlite,postgres] [--seconds 10] [--connections 50] [--cpu-prof dir] [--sqlite-pragmas synchronous=NORMAL]
 *
 * The data set is bench/customers-dataset.ts's (SQLite copied first, so the PATCHes leave it as it was).
 * Writes bench/results/throughput-<date>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startAppProcess } from './app-process.js';
import { customersDataset } from './customers-dataset.js';
import { runLoad, type LoadResult, type Request } from './load.js';
import { arg, log, measure, runBenchAndWrite, type BenchDialect, type Stats } from './support.js';

const SIZE = Number(arg('size', '1000000'));
const DBS = arg('dbs', 'sqlite').split(',');
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '50'));
const CPU_PROF = arg('cpu-prof', '');
/** e.g. `synchronous=NORMAL`: what a PATCH costs with a proposed setting (the app keeps FULL, DESIGN.md §3). */
const SQLITE_PRAGMAS = arg('sqlite-pragmas', '').split(',').filter(Boolean);
const LIST = '/api/v1/customers?limit=50&total=none&locale=en';
const HEALTH = '/api/health';

type Measured = LoadResult & { appCpuMsPerRequest: number };
interface Run {
  dialect: BenchDialect;
  size: number;
  health: Measured;
  list: Measured;
  mix: Measured;
  single: { health: Measured; list: Measured; rawPageSql?: Stats };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

async function benchOne(dialect: BenchDialect, size: number): Promise<Run> {
  const data = await customersDataset(dialect, size);
  let url = data.url;
  if (dialect === 'sqlite') {
    const source = url.replace(/^sqlite:/, '');
    const copy = path.join(path.dirname(source), `throughput-${size}.db`);
    for (const f of ['', '-wal', '-shm']) fs.rmSync(`${copy}${f}`, { force: true });
    fs.copyFileSync(source, copy);
    url = `sqlite:${copy}`;
  }
  const app = await startAppProcess(url, { ...(CPU_PROF ? { cpuProfDir: path.resolve(CPU_PROF) } : {}), sqlitePragmas: SQLITE_PRAGMAS });
  try {
    const port = app.port;
    const get = (p: string) => (): Request => ({ path: p });
    // Each load with the app's CPU time per request: what a request costs, however busy the machine is otherwise.
    const load = async (next: (c: number, n: number) => Request, ms = SECONDS * 1000, connections = CONNECTIONS, onResponse?: Parameters<typeof runLoad>[0]['onResponse']): Promise<Measured> => {
      const cpu = await app.cpuMs();
      const r = await runLoad({ port, connections, durationMs: ms, next, onResponse });
      return { ...r, appCpuMsPerRequest: Math.round(((await app.cpuMs()) - cpu) / r.requests * 1000) / 1000 };
    };
    // Warm-up: JIT, statement caches, the page's rows in the OS cache.
    await load(get(HEALTH), 1500);
    await load(get(LIST), 3000);

    const health = await load(get(HEALTH));
    log(`${dialect} health: ${health.rps} req/s`);
    const list = await load(get(LIST));
    log(`${dialect} list: ${list.rps} req/s (${ratio(list.rps, health.rps)}× health) ${JSON.stringify(list.statuses)}`);

    // Each connection edits its own customer (no two write the same record), with the version it was last given.
    const page = JSON.parse(await (await fetch(`http://127.0.0.1:${port}/api/v1/customers?limit=${CONNECTIONS}&total=none&sort=-id`)).text()) as { items: { id: number; version: number }[] };
    const own = page.items.map((r) => ({ id: r.id, version: r.version }));
    const mix = await load((c, n) => {
      const r = own[c % own.length];
      return n % 10 === 9 ? { method: 'PATCH', path: `/api/v1/customers/${r.id}`, body: { version: r.version, notes: `bench edit ${n}` } } : { path: LIST };
    }, SECONDS * 1000, CONNECTIONS, (c, req, status, body) => {
      if (req.method !== 'PATCH') return;
      const r = own[c % own.length];
      const answer = JSON.parse(body) as { version?: number; current?: { version: number } };
      r.version = status === 200 ? answer.version ?? r.version : answer.current?.version ?? r.version;
    });
    log(`${dialect} mix (10% PATCH): ${mix.rps} req/s (${ratio(mix.rps, health.rps)}× health) ${JSON.stringify(mix.byMethod)}`);

    const singleHealth = await load(get(HEALTH), 3000, 1);
    const singleList = await load(get(LIST), 3000, 1);
    log(`${dialect} one at a time: health p50 ${singleHealth.latency.p50} ms, list p50 ${singleList.latency.p50} ms; app CPU per request: health ${health.appCpuMsPerRequest} ms, list ${list.appCpuMsPerRequest} ms, mix ${mix.appCpuMsPerRequest} ms`);
    let rawPageSql: Stats | undefined;
    if (dialect === 'sqlite') {
      const db = new BetterSqlite3(url.replace(/^sqlite:/, ''), { readonly: true });
      const stmt = db.prepare('SELECT * FROM customers WHERE deleted_at IS NULL ORDER BY name, id LIMIT 51');
      rawPageSql = await measure(() => stmt.all(), { budgetMs: 1000, minIterations: 50, maxIterations: 2000 });
      db.close();
    }
    return { dialect, size, health, list, mix, single: { health: singleHealth, list: singleList, rawPageSql } };
  } finally {
    await app.stop();
  }
}

await runBenchAndWrite<Run>({
  name: 'throughput',
  sizes: [SIZE],
  dbs: DBS,
  options: { seconds: SECONDS, connections: CONNECTIONS, list: LIST, sqlitePragmas: SQLITE_PRAGMAS, client: 'bench/load.ts (node:http keep-alive, closed loop, separate process from the app)' },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect,
    size: r.size,
    healthRps: r.health.rps,
    listRps: r.list.rps,
    listRatio: ratio(r.list.rps, r.health.rps),
    mixRps: r.mix.rps,
    mixRatio: ratio(r.mix.rps, r.health.rps),
    mixTarget: 'mix ≥ 0.15× health',
    mixMet: r.mix.rps >= 0.15 * r.health.rps,
    patches: r.mix.byMethod.PATCH,
    singleHealthP50Ms: r.single.health.latency.p50,
    singleListP50Ms: r.single.list.latency.p50,
    singleGapP50Ms: Math.round((r.single.list.latency.p50 - r.single.health.latency.p50) * 1000) / 1000,
    singleTarget: 'list within 0.5 ms of health',
    singleMet: r.single.list.latency.p50 - r.single.health.latency.p50 <= 0.5,
    rawPageSqlP50Ms: r.single.rawPageSql?.p50,
    appCpuMsPerRequest: { health: r.health.appCpuMsPerRequest, list: r.list.appCpuMsPerRequest, mix: r.mix.appCpuMsPerRequest },
  }),
});
