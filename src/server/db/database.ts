import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import { createRequire } from 'node:module';
import type PgModule from 'pg';
import { isTimeZone, localDate } from '../core/time-zones.js';
import { cachingStatements } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Tables are declared by entity definitions, not by a static TS schema, so the engine
 * queries through `sql` templates with identifiers taken from those definitions.
 */
export type DbSchema = Record<string, Record<string, unknown>>;

export interface Database {
  readonly kysely: Kysely<DbSchema>;
  readonly dialect: DialectName;
  /** The SQLite file, for backups; undefined on PostgreSQL or in-memory. */
  readonly sqliteFile?: string;
  readonly sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** pg is loaded when a PostgreSQL database is opened: the standalone app (SQLite) starts without it (issue 14). */
let pgModule: typeof PgModule | undefined;
function loadPg(): typeof PgModule {
  pgModule ??= createRequire(import.meta.url)('pg') as typeof PgModule;
  return pgModule;
}

let pgParsersSet = false;
/** Make PostgreSQL hand the same JS values as SQLite (DESIGN.md §8). */
function setPgTypeParsers(): void {
  if (pgParsersSet) return;
  pgParsersSet = true;
  const { types } = loadPg();
  types.setTypeParser(20, (v) => Number(v)); // int8: counts, sums, money
  types.setTypeParser(1700, (v) => Number(v)); // numeric
  types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD'
  types.setTypeParser(1184, pgInstant); // timestamptz
  types.setTypeParser(1114, (v) => pgInstant(`${v}+00`)); // timestamp
}

/**
 * PostgreSQL's text for an instant (`0001-01-01 00:00:00+00`, `2026-03-15 18:30:00.123456+09`,
 * `1890-01-01 00:00:00+08:27:52`) as ISO 8601 in UTC. `new Date()` alone reads it with the
 * engine's legacy parser, which takes the years 1–49 for 2001–2049.
 */
export function pgInstant(text: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/.exec(text);
  if (!m) return new Date(text).toISOString();
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const local = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${(frac ?? '').slice(0, 4)}Z`); // the ISO form is read exactly, any year
  const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000;
  return new Date(sign === '+' ? local - offset : local + offset).toISOString();
}

/** A statement as the database ran it (for a benchmark to show the app's own SQL and its plan). */
export interface QueryEvent { sql: string; parameters: readonly unknown[]; ms: number }
export interface OpenOptions { onQuery?: (q: QueryEvent) => void }

/** Kysely's log hook, only when asked for (it times every statement). */
function queryLog(opts: OpenOptions): { log?: (e: LogEvent) => void } {
  const on = opts.onQuery;
  return on ? { log: (e) => { if (e.level === 'query') on({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis }); } } : {};
}

/** `sqlite:<file>` (or a bare path), `sqlite::memory:`, or `postgres://...`. */
export function openDatabase(url: string, opts: OpenOptions = {}): Database {
  if (/^postgres(ql)?:\/\//.test(url)) {
    setPgTypeParsers();
    const pool = new (loadPg()).Pool({ connectionString: url, max: 10 });
    // An idle client the server drops (a restart, an admin's terminate) emits 'error' on the pool;
    // unheard, Node ends the process. The pool replaces the client on the next query.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL dropped an idle connection: ${err.message}`));
    const kysely = new Kysely<DbSchema>({ dialect: new PostgresDialect({ pool }), ...queryLog(opts) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // An instant's date in a time zone, for grouping date-times by the installation's day (PostgreSQL has AT TIME ZONE).
  sqlite.function('rapport_local_date', { deterministic: true }, (iso: unknown, tz: unknown) => {
    const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
    return Number.isNaN(ms) || typeof tz !== 'string' || !isTimeZone(tz) ? null : localDate(ms, tz);
  });
  // The median of a group's numbers (PostgreSQL has percentile_cont): an analysis's time in stage.
  sqlite.aggregate('rapport_median', {
    start: () => [] as number[],
    step: (acc: number[], v: unknown) => { if (typeof v === 'number' || typeof v === 'bigint') acc.push(Number(v)); return acc; },
    result: (acc: number[]) => {
      if (acc.length === 0) return null;
      const sorted = Float64Array.from(acc).sort();
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    },
  });
  const kysely = new Kysely<DbSchema>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }), ...queryLog(opts) });
  return {
    kysely,
    dialect: 'sqlite',
    sqliteFile: file === ':memory:' ? undefined : path.resolve(file),
    sqlite,
    // Kysely closes the connection only if it ever ran a query: one used only for a backup stayed open, holding its locks.
    close: async () => { await kysely.destroy(); if (sqlite.open) sqlite.close(); },
  };
}
