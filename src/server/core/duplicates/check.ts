import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Database, DbSchema } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { scopeOf } from '../../auth/access.js';
import { readableRecords, requireRead, titleOf, visibleRules } from './readable.js';
import { combineScores, RULE_SCORES, type RuleName } from './rules.js';

export interface MatchReason { rule: RuleName; field: string; value: string; score: number }
export interface DuplicateMatch { id: number; title: string; score: number; reasons: MatchReason[] }
export interface CheckOptions { actor: Actor; limit?: number; excludeId?: number | null; /** Keys shared by more records than this are ignored (default 100). */ perKey?: number }

/** A key shared by more records than this says nothing about any one of them (a switchboard number, "Test"). */
const PER_KEY = 100;

/**
 * The live records a draft (a form about to be saved, an import row) likely duplicates, best first,
 * each with why: every rule of the entity over the fields the actor may see, looked up in the key
 * index (a few indexed probes, whatever the table's size). Only records the actor may read.
 */
export async function likelyDuplicates(db: Database, entity: EntityDef, values: Record<string, unknown>, opts: CheckOptions): Promise<DuplicateMatch[]> {
  return (await likelyDuplicatesMany(db.kysely, entity, [values], opts))[0];
}

/**
 * `likelyDuplicates` for many drafts at once (an import's chunk): the same rules and scores, with
 * the key index read in one query per rule for all of them, in the caller's transaction.
 */
export async function likelyDuplicatesMany(executor: Kysely<DbSchema>, entity: EntityDef, drafts: readonly Record<string, unknown>[], opts: CheckOptions): Promise<DuplicateMatch[][]> {
  requireRead(entity, opts.actor);
  const rules = visibleRules(entity, opts.actor);
  const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
  const visibleFields = new Set(rules.map((r) => r.field));
  const probesOf = drafts.map((values) => {
    const probes = new Map<string, { rule: RuleName; key: string }>();
    for (const r of rules) {
      const key = r.key(values[r.field]);
      if (key !== null) probes.set(`${r.rule}\u0000${key}`, { rule: r.rule, key });
    }
    return probes;
  });
  // Every key the drafts name, per rule, with the records holding it (none for a key too common to mean anything).
  const holders = new Map<string, { id: number; field: string }[]>();
  const byRule = new Map<RuleName, Set<string>>();
  for (const probes of probesOf) for (const p of probes.values()) byRule.set(p.rule, (byRule.get(p.rule) ?? new Set()).add(p.key));
  for (const [rule, keySet] of byRule) {
    const keys = Array.from(keySet);
    for (let k = 0; k < keys.length; k += 400) {
      const part = keys.slice(k, k + 400);
      const { rows: counts } = await sql<{ match_key: string; n: number }>`SELECT match_key, count(*) AS n FROM duplicate_keys
        WHERE entity = ${entity.name} AND rule = ${rule} AND match_key IN (${sql.join(part)}) GROUP BY match_key`.execute(executor);
      const telling = counts.filter((c) => Number(c.n) <= (opts.perKey ?? PER_KEY)).map((c) => c.match_key);
      if (telling.length === 0) continue;
      const { rows } = await sql<{ record_id: number; field: string; match_key: string }>`SELECT record_id, field, match_key FROM duplicate_keys
        WHERE entity = ${entity.name} AND rule = ${rule} AND match_key IN (${sql.join(telling)}) ORDER BY record_id`.execute(executor);
      for (const r of rows) {
        const id = `${rule}\u0000${r.match_key}`;
        holders.set(id, [...(holders.get(id) ?? []), { id: Number(r.record_id), field: r.field }]);
      }
    }
  }
  const hitsOf = probesOf.map((probes) => {
    const hits = new Map<number, Map<RuleName, string>>();
    for (const [id, p] of probes) {
      for (const h of holders.get(id) ?? []) {
        if (h.id === opts.excludeId || !visibleFields.has(h.field)) continue;
        const rulesHit = hits.get(h.id) ?? new Map<RuleName, string>();
        if (!rulesHit.has(p.rule)) rulesHit.set(p.rule, h.field);
        hits.set(h.id, rulesHit);
      }
    }
    return hits;
  });
  // Someone who reads only some owners' records may not see the best candidates: they are all read, and filtered.
  const everyOwner = scopeOf(opts.actor.access, entity, 'read') === 'all';
  // A score comes from the rules hit alone: rank first, then read only the best few per draft (a chunk of an import
  // names thousands of candidates when its names are common).
  const best = hitsOf.map((hits) => Array.from(hits, ([id, rulesHit]) => ({ id, rulesHit, score: combineScores(Array.from(rulesHit.keys(), (r) => RULE_SCORES[r])) }))
    .sort((a, b) => b.score - a.score || a.id - b.id).slice(0, everyOwner ? limit : undefined));
  const records = await readableRecords(executor, entity, Array.from(new Set(best.flatMap((b) => b.map((x) => x.id)))), opts.actor, Array.from(new Set([entity.titleField, ...rules.map((r) => r.field)])));
  return best.map((candidates) => {
    const out: DuplicateMatch[] = [];
    for (const { id, rulesHit, score } of candidates) {
      const record = records.get(id)?.record;
      if (!record) continue;
      const reasons = Array.from(rulesHit, ([rule, field]) => ({ rule, field, value: String(record[field] ?? ''), score: RULE_SCORES[rule] }));
      out.push({ id, title: titleOf(entity, record, opts.actor), score, reasons });
    }
    return out.slice(0, limit);
  });
}
