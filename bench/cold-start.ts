/**
 * Cold start (issue 14): the time from spawning the server to its first 200 from /api/health, on a
 * database that already holds 1M customers (SQLite, and PostgreSQL when it answers).
 *
 *   npx tsx bench/cold-start.ts [--size 1000000] [--dbs sqlite,postgres] [--runs 7] [--via compiled,tsx]
 *   npx tsx bench/cold-start.ts --generate-only     (only make the cached data sets)
 *
 * `compiled` is the real path: `node dist/server/cli.js serve` (built first when missing or stale);
 * `tsx` is how the server started before issue 14 (`tsx src/cli.ts serve`), for the comparison.
 * The data set is the demo customers the other benches share (bench/customers-dataset.ts), made once; one start per database and
 * path runs first, not counted (it applies migrations newer than the data set, and warms the OS's
 * file cache the way a server that ran before has). Writes bench/results/cold-start-<date>.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedResult } from '../src/server/seed/demo.js';
import { buildServerIfNeeded, SERVER_OUTPUT } from '../bin/build-server.js';
import { customersDataset } from './customers-dataset.js';
import { arg, log, runBenchAndWrite, stats, type BenchDialect, type Stats } from './support.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SIZE = Number(arg('size', '1000000'));
const RUNS = Number(arg('runs', '7'));
const VIAS = arg('via', 'compiled').split(',') as Via[];
const DBS = arg('dbs', 'sqlite,postgres').split(',');
/** The goal of issue 14. */
const TARGET_MS = 2000;

type Via = 'compiled' | 'tsx';

function command(via: Via): string[] {
  if (via === 'compiled') return [path.join(ROOT, SERVER_OUTPUT), 'serve'];
  return [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli.ts'), 'serve'];
}

/** The demo customers the other benches share (bench/customers-dataset.ts). */
const dataset = (dialect: BenchDialect) => customersDataset(dialect, SIZE);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * CPU time (user + system) a process has used so far, from /proc (Linux; null elsewhere): unlike the
 * wall time it hardly changes when other work shares the machine.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

interface Start { ms: number; cpuMs: number | null }

/** Spawns the server and polls /api/health every 10 ms; the time is spawn → first 200. */
async function oneStart(via: Via, env: NodeJS.ProcessEnv): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  if (!env.DATABASE_URL) delete full.DATABASE_URL; // SQLite: the file in RAPPORT_DATA_DIR, whatever this shell has set
  const child = spawn(process.execPath, command(via), { cwd: ROOT, env: full, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr.slice(0, 500)}`))));
  try {
    const healthy = (async () => {
      for (;;) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (res.status === 200) return { ms: performance.now() - started, cpuMs: cpuMs(child.pid) };
        } catch { /* not listening yet */ }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no healthy answer within 60 s')), 60_000).unref());
    return await Promise.race([healthy, exited, timeout]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => { if (child.exitCode !== null) r(null); else child.once('exit', r); });
  }
}

interface Run { dialect: BenchDialect; size: number; via: Via; warmUpMs: number; ms: Stats; samples: number[]; cpuMs: (number | null)[]; met: boolean; generation: SeedResult & { cached: boolean } }

async function benchOne(dialect: BenchDialect, size: number): Promise<Run[]> {
  const { url, generation } = await dataset(dialect);
  // The server reads its SQLite file from RAPPORT_DATA_DIR/rapport.db: a folder holding a link to the data set.
  let env: NodeJS.ProcessEnv = { DATABASE_URL: url };
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cold-'));
    fs.symlinkSync(url.slice('sqlite:'.length), path.join(dir, 'rapport.db'));
    env = { RAPPORT_DATA_DIR: dir };
  }
  const runs: Run[] = [];
  for (const via of VIAS) {
    const warmUp = await oneStart(via, env);
    const starts: Start[] = [];
    for (let i = 0; i < RUNS; i++) starts.push(await oneStart(via, env));
    const ms = stats(starts.map((s) => s.ms));
    const cpu = starts.map((s) => s.cpuMs);
    log(`${dialect} ${size} ${via}: warm-up ${warmUp.ms.toFixed(0)} ms, p50 ${ms.p50.toFixed(0)} ms, max ${ms.max.toFixed(0)} ms, server CPU ${cpu.join(' ')} ms`);
    runs.push({ dialect, size, via, warmUpMs: Math.round(warmUp.ms), ms, samples: starts.map((s) => Math.round(s.ms)), cpuMs: cpu, met: ms.max <= TARGET_MS, generation });
  }
  return runs;
}

const cpuP50 = (xs: (number | null)[]) => { const known = xs.filter((c): c is number => c !== null); return known.length ? stats(known).p50 : null; };

if (VIAS.includes('compiled')) await buildServerIfNeeded(ROOT);
await runBenchAndWrite<Run[]>({
  name: 'cold-start',
  sizes: [SIZE],
  dbs: DBS,
  options: { size: SIZE, runs: RUNS, cpuMs: 'CPU time of the spawned process until healthy; tsx runs the server in a child process of its own, which is not counted',  via: VIAS, dataset: 'demo-v1 (bench/customers-dataset.ts)', targetMs: TARGET_MS, commands: Object.fromEntries(VIAS.map((v) => [v, ['node', ...command(v).map((p) => path.relative(ROOT, p))].join(' ')])) },
  benchOne,
  summarize: (runs) => ({ runs: runs.map((r) => ({ dialect: r.dialect, size: r.size, via: r.via, p50: r.ms.p50, max: r.ms.max, met: r.met, cpuMsP50: cpuP50(r.cpuMs) })) }),
  instead: process.argv.includes('--generate-only') ? async (dialects) => { for (const d of dialects) await dataset(d); } : undefined,
});
