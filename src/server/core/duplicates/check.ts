import { sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { readableRecords, requireRead, titleOf, visibleRules } from './readable.js';
import { combineScores, RULE_SCORES, type RuleName } from './rules.js';

export interface MatchReason { rule: RuleName; field: string; value: string; score: number }
export interface DuplicateMatch { id: number; title: string; score: number; reasons: MatchReason[] }
export interface CheckOptions { actor: Actor; limit?: number; excludeId?: number | null }

/** A key shared by more records than this says nothing about any one of them (a switchboard number, "Test"). */
const PER_KEY = 100;

/**
 * The live records a draft (a form about to be saved, an import row) likely duplicates, best first,
 * each with why: every rule of the entity over the fields the actor may see, looked up in the key
 * index (a few indexed probes, whatever the table's size). Only records the actor may read.
 */
export async function likelyDuplicates(db: Database, entity: EntityDef, values: Record<string, unknown>, opts: CheckOptions): Promise<DuplicateMatch[]> {
  requireRead(entity, opts.actor);
  const rules = visibleRules(entity, opts.actor);
  const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
  const probes = new Map<string, { rule: RuleName; key: string }>();
  for (const r of rules) {
    const key = r.key(values[r.field]);
    if (key !== null) probes.set(`${r.rule}\u0000${key}`, { rule: r.rule, key });
  }
  if (probes.size === 0) return [];
  const visibleFields = new Set(rules.map((r) => r.field));
  const hits = new Map<number, Map<RuleName, string>>();
  for (const p of probes.values()) {
    const { rows } = await sql<{ record_id: number; field: string }>`SELECT record_id, field FROM duplicate_keys
      WHERE entity = ${entity.name} AND rule = ${p.rule} AND match_key = ${p.key} ORDER BY record_id LIMIT ${PER_KEY + 1}`.execute(db.kysely);
    if (rows.length > PER_KEY) continue;
    for (const row of rows) {
      const id = Number(row.record_id);
      if (id === opts.excludeId || !visibleFields.has(row.field)) continue;
      const rulesHit = hits.get(id) ?? new Map<RuleName, string>();
      if (!rulesHit.has(p.rule)) rulesHit.set(p.rule, row.field);
      hits.set(id, rulesHit);
    }
  }
  const records = await readableRecords(db.kysely, entity, Array.from(hits.keys()), opts.actor, Array.from(new Set([entity.titleField, ...rules.map((r) => r.field)])));
  const out: DuplicateMatch[] = [];
  for (const [id, rulesHit] of hits) {
    const record = records.get(id)?.record;
    if (!record) continue;
    const reasons = Array.from(rulesHit, ([rule, field]) => ({ rule, field, value: String(record[field] ?? ''), score: RULE_SCORES[rule] }));
    out.push({ id, title: titleOf(entity, record, opts.actor), score: combineScores(reasons.map((r) => r.score)), reasons });
  }
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out.slice(0, limit);
}
