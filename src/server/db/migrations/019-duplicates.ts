// Frozen once shipped: never edit; add a new migration instead.
// Duplicates and merge (issue 16): normalised match keys, "not duplicates" pairs, and merges kept for undo.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  const noRowid = dialect === 'sqlite' ? ' WITHOUT ROWID' : '';

  // One row per (record, rule, field, key): grouping by (entity, rule, key) reads the match index alone,
  // never the record tables, so a scan of a million records is one pass over it, not pairs. No primary
  // key: a rebuild drops the indexes, appends every row and indexes them once (core/duplicates/keys.ts).
  await run(`CREATE TABLE duplicate_keys (
    entity TEXT NOT NULL,
    rule TEXT NOT NULL,
    match_key TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL)`);
  await run(`CREATE INDEX duplicate_keys_match ON duplicate_keys (entity, rule, match_key, record_id, field)`);
  // Record first: the planner can never take it for the match index's (entity, rule, key) lookups.
  await run(`CREATE INDEX duplicate_keys_record ON duplicate_keys (record_id, entity)`);
  // Which entities have every record keyed, under which version of the rules (a new version rebuilds them).
  await run(`CREATE TABLE duplicate_key_state (
    entity TEXT PRIMARY KEY,
    rules_version INTEGER NOT NULL,
    built_at ${d.ts} NOT NULL)`);

  await run(`CREATE TABLE duplicate_dismissals (
    entity TEXT NOT NULL,
    low_id INTEGER NOT NULL,
    high_id INTEGER NOT NULL,
    created_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    PRIMARY KEY (entity, low_id, high_id))${noRowid}`);

  // merged_ids and moved as JSON text; before holds everything undo needs (survivor's values, merged rows, moved links).
  await run(`CREATE TABLE merges (
    id ${d.id},
    entity TEXT NOT NULL,
    survivor_id INTEGER NOT NULL,
    merged_ids TEXT NOT NULL,
    moved TEXT NOT NULL,
    before TEXT NOT NULL,
    created_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    undone_at ${d.ts},
    undone_by INTEGER REFERENCES users(id))`);
  await run(`CREATE INDEX merges_entity ON merges (entity, id)`);
}
