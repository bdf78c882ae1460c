import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Database, DbSchema } from '../../db/database.js';
import { insertValues } from '../../db/bulk-load.js';
import { dialectOf } from '../../db/ddl.js';
import type { RecordHooks } from '../hooks.js';
import { keysOf, rulesOf, RULES_VERSION, type RecordKey } from './rules.js';

const ROWS_PER_INSERT = 1000;
const BACKFILL_CHUNK = 20000;
const REINDEX_ABOVE = 50_000;

/** Replaces the keys of these records (their values as camelCase fields), in the caller's transaction; `fresh`: they have none yet. */
export async function writeKeys(trx: Kysely<DbSchema>, entity: EntityDef, records: readonly { id: number; values: Record<string, unknown> }[], fresh = false): Promise<void> {
  if (records.length === 0 || rulesOf(entity).length === 0) return;
  const ids = records.map((r) => r.id);
  for (let i = 0; i < ids.length && !fresh; i += 500) {
    await sql`DELETE FROM duplicate_keys WHERE entity = ${entity.name} AND record_id IN (${sql.join(ids.slice(i, i + 500))})`.execute(trx);
  }
  const rows: (RecordKey & { id: number })[] = records.flatMap((r) => keysOf(entity, r.values).map((k) => ({ ...k, id: r.id })));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // keysOf gives each (field, key) once and the record's old keys are gone: no row can repeat.
    await insertValues(trx, dialectOf(trx), 'duplicate_keys', ['entity', 'rule', 'match_key', 'record_id', 'field'], rows.slice(i, i + ROWS_PER_INSERT).map((k) => [entity.name, k.rule, k.key, k.id, k.field]));
  }
}

/**
 * Re-keys records written outside the record service (a bulk load, an import chunk), in the
 * caller's transaction: reads their rule fields by id, a chunk at a time.
 */
export async function refreshKeys(trx: Kysely<DbSchema>, entity: EntityDef, ids: readonly number[]): Promise<void> {
  const rules = rulesOf(entity);
  if (rules.length === 0) return;
  const cols = sql.join([sql.ref('id'), ...rules.map((r) => sql`${sql.ref(entity.columnOf(r.field))} AS ${sql.ref(r.field)}`)]);
  for (let i = 0; i < ids.length; i += BACKFILL_CHUNK) {
    const { rows } = await sql<Record<string, unknown>>`SELECT ${cols} FROM ${sql.table(entity.table)} WHERE id IN (${sql.join(ids.slice(i, i + BACKFILL_CHUNK))})`.execute(trx);
    await writeKeys(trx, entity, rows.map((r) => ({ id: Number(r.id), values: r })));
  }
}

/** Keeps an entity's keys current on every write through the record service (core's own hook, for every entity with rules). */
const hooksOf = new WeakMap<EntityDef, RecordHooks>();

/** One hooks object per entity, so building several apps in one process registers it once. */
export function keyHooks(entity: EntityDef): RecordHooks | null {
  const rules = rulesOf(entity);
  if (rules.length === 0) return null;
  const known = hooksOf.get(entity);
  if (known) return known;
  const hooks: RecordHooks = {
    async afterWrite(ctx, record, existing) {
      if (existing && rules.every((r) => (record[r.field] ?? null) === (existing[r.field] ?? null))) return;
      await writeKeys(ctx.trx, entity, [{ id: Number(record.id), values: record }]);
    },
    async afterCreateMany(ctx, records) {
      await writeKeys(ctx.trx, entity, records, true);
    },
  };
  hooksOf.set(entity, hooks);
  return hooks;
}

/** The key table's indexes as migration 019 made them: a rebuild drops them, loads, and makes them again (about 4× faster than loading indexed rows). */
const KEY_INDEXES = [
  'CREATE INDEX duplicate_keys_match ON duplicate_keys (entity, rule, match_key, record_id, field)',
  'CREATE INDEX duplicate_keys_record ON duplicate_keys (record_id, entity)',
];

/**
 * Keys every record of these entities, set-based: the key table's indexes dropped, a chunk of rows
 * by id per transaction appended (never row by row through the record service), the indexes made
 * again, and the entities marked built under the current rules. Runs at start, before any request.
 * Records in Trash are keyed too, so a restore needs nothing (scans read live records only).
 */
export async function rebuildKeys(db: Database, entities: readonly EntityDef[]): Promise<number> {
  const keyed = entities.filter((e) => rulesOf(e).length);
  if (keyed.length === 0) return 0;
  let total = 0;
  for (const e of keyed) await sql`DELETE FROM duplicate_keys WHERE entity = ${e.name}`.execute(db.kysely);
  // Only a large load is worth indexing afresh (the keys of every other entity are indexed again too).
  let rows = 0;
  for (const e of keyed) rows += Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(e.table)}`.execute(db.kysely)).rows[0].n);
  const reindex = rows > REINDEX_ABOVE;
  if (reindex) for (const name of ['duplicate_keys_match', 'duplicate_keys_record']) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db.kysely);
  try {
    for (const entity of keyed) {
      const rules = rulesOf(entity);
      const cols = sql.join([sql.ref('id'), ...rules.map((r) => sql`${sql.ref(entity.columnOf(r.field))} AS ${sql.ref(r.field)}`)]);
      let after = 0;
      for (;;) {
        const { rows } = await sql<Record<string, unknown>>`SELECT ${cols} FROM ${sql.table(entity.table)} WHERE id > ${after} ORDER BY id LIMIT ${BACKFILL_CHUNK}`.execute(db.kysely);
        if (rows.length === 0) break;
        await db.kysely.transaction().execute((trx) => writeKeys(trx, entity, rows.map((r) => ({ id: Number(r.id), values: r })), true));
        after = Number(rows[rows.length - 1].id);
        total += rows.length;
      }
    }
  } finally {
    if (reindex) {
      for (const ddl of KEY_INDEXES) await sql.raw(ddl).execute(db.kysely);
      // Fresh indexes have no statistics: the planner gets them before the first scan.
      await sql`ANALYZE duplicate_keys`.execute(db.kysely);
    }
  }
  const now = new Date().toISOString();
  for (const e of keyed) {
    await sql`INSERT INTO duplicate_key_state (entity, rules_version, built_at) VALUES (${e.name}, ${RULES_VERSION}, ${now})
      ON CONFLICT (entity) DO UPDATE SET rules_version = ${RULES_VERSION}, built_at = ${now}`.execute(db.kysely);
  }
  return total;
}

/** At start: entities never keyed (an upgrade) or keyed under older rules are keyed now. */
export async function ensureKeys(db: Database, entities: readonly EntityDef[]): Promise<void> {
  const { rows } = await sql<{ entity: string; rules_version: number }>`SELECT entity, rules_version FROM duplicate_key_state`.execute(db.kysely);
  const built = new Map(rows.map((r) => [r.entity, Number(r.rules_version)]));
  const stale = entities.filter((e) => rulesOf(e).length && built.get(e.name) !== RULES_VERSION);
  if (stale.length) await rebuildKeys(db, stale);
}
