import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; a list's filters and sorts make a few hundred at most. */
const STATEMENT_CACHE_SIZE = 500;
/** SQL texts longer than this are not kept. */
const UNCACHED_LENGTH = 4000;

/**
 * The connection as Kysely's SQLite driver sees it, with its statements prepared once per SQL text
 * (preparing one costs more than running a page query) and kept in a bounded LRU. Kysely runs one
 * statement at a time on its single connection, so a cached statement is never busy when handed out.
 */
export function cachingStatements(sqlite: BetterSqlite3.Database, max = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => { cache.clear(); sqlite.close(); },
    prepare: (text) => {
      // A batch statement (an import's thousand-row INSERT, a long IN list) is prepared for its one use: kept,
      // hundreds of them held hundreds of MB (issue 16's import reached 600 MB).
      if (text.length > UNCACHED_LENGTH) return sqlite.prepare(text);
      let stmt = cache.get(text);
      if (stmt) {
        // Most recently used last: a Map keeps insertion order, so the first key is the oldest.
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}
