/**
 * What every benchmark in bench/ shares: its command-line options, where PostgreSQL is, how a
 * measurement is taken and summarised, the bare-SQL runner that the app is compared with, and
 * what the results record about the machine.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import type { RapportApp } from '../src/server/app.js';

/** `--name value` from the command line, else the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** `--sizes 100000,1000000` as numbers. */
export const sizesArg = (fallback = '100000,1000000') => arg('sizes', fallback).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);

export function pgBase(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function pgUrl(dbName: string): string {
  const u = new URL(pgBase());
  u.pathname = `/${dbName}`;
  return u.toString();
}

export async function pgAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgBase(), connectionTimeoutMillis: 2000 });
  try { await c.connect(); await c.query('SELECT 1'); return true; } catch { return false; } finally { await c.end().catch(() => {}); }
}

/** Other work may share the machine: its load goes into the results. */
export const uptime = () => { try { return execFileSync('uptime').toString().trim(); } catch { return `loadavg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`; } };

const sqliteVersion = (() => { try { return execFileSync('node', ['-e', "console.log(require('better-sqlite3')(':memory:').prepare('select sqlite_version() v').get().v)"]).toString().trim(); } catch { return null; } })();

/** The machine a result was measured on. */
export const machine = () => ({ cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, sqlite: sqliteVersion });

export interface Stats { n: number; p50: number; p95: number; max: number; mean: number }

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

export interface Timing { budgetMs: number; minIterations?: number; maxIterations?: number }

/** After 3 warm-up runs (caches, statement caches): at least `minIterations`, then as many as the budget allows. */
export async function measure(fn: () => Promise<unknown> | unknown, timing: Timing): Promise<Stats> {
  const { budgetMs, minIterations = 15, maxIterations = 300 } = timing;
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (samples.length < minIterations || (samples.length < maxIterations && performance.now() < until)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

export interface Raw { sql: string; params: unknown[] }

/** Bare SQL on the app's own database: SQLite through its connection (statements cached), PostgreSQL through one client. */
export interface Runner {
  dialect: 'sqlite' | 'postgres';
  run(q: Raw): Promise<Record<string, unknown>[]>;
  explain(q: Raw): Promise<string[]>;
  close(): Promise<void>;
}

export async function runnerFor(app: RapportApp, url: string): Promise<Runner> {
  const sqlite = app.database.sqlite;
  if (sqlite) {
    const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const stmt = (text: string) => { let s = cache.get(text); if (!s) { s = sqlite.prepare(text); cache.set(text, s); } return s; };
    return {
      dialect: 'sqlite',
      run: async (q) => stmt(q.sql).all(q.params) as Record<string, unknown>[],
      explain: async (q) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => r.detail),
      close: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgres',
    run: async (q) => (await client.query(q.sql, q.params)).rows as Record<string, unknown>[],
    explain: async (q) => (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']),
    close: () => client.end(),
  };
}
