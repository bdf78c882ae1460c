import { sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { redact } from '../../auth/access.js';
import { toApiRecords } from '../decorate.js';
import { badRequest } from '../errors.js';
import type { Locale } from '../list-params.js';
import type { ApiRecord } from '../record-mapper.js';
import type { MatchReason } from './check.js';
import { readableRecords, requireRead, titleOf, visibleRules } from './readable.js';
import { combineScores, RULE_ORDER, RULE_SCORES, type RuleName } from './rules.js';

export interface GroupRecord { id: number; title: string; version: number; values: Record<string, unknown>; _labels?: Record<string, unknown> }
export interface DuplicateGroup { key: string; score: number; records: GroupRecord[]; reasons: MatchReason[] }
export interface ScanOptions { actor: Actor; limit: number; cursor: string | null; minScore: number; locale: Locale }

/** Keys shared by more records than this are not a duplicate group (a switchboard number, a name like "Test"). */
const MAX_GROUP = 200;
/** Candidate keys read per query, and at most per page: a page of a million records costs a bounded amount of work. */
const BATCH = 200;
const MAX_CANDIDATES = 5000;

interface Candidate { rule: RuleName; key: string }

export function encodeScanCursor(ruleIndex: number, key: string): string {
  return Buffer.from(JSON.stringify([ruleIndex, key])).toString('base64url');
}

function decodeScanCursor(raw: string | null): [number, string] {
  if (raw === null) return [0, ''];
  const fail = () => badRequest('cursor is not valid for this list', [{ field: 'cursor', message: 'is not valid (it belongs to another list or is damaged)' }]);
  if (raw.length > 600) throw fail();
  let v: unknown;
  try { v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')); } catch { throw fail(); }
  if (!Array.isArray(v) || v.length !== 2 || !Number.isInteger(v[0]) || v[0] < 0 || v[0] >= RULE_ORDER.length || typeof v[1] !== 'string') throw fail();
  return [v[0] as number, v[1] as string];
}

/**
 * Groups of likely duplicates across an entity, a page at a time: candidate keys come from the
 * key index grouped by (rule, key) in index order (strongest rule first, then by key), so the first
 * page reads only as far as it needs. A group is the live readable records sharing a key, less
 * pairs marked "not duplicates"; a group whose records all share a stronger key is shown under
 * that one instead, so the same records are never listed twice.
 */
export async function scanDuplicates(db: Database, entity: EntityDef, opts: ScanOptions): Promise<{ items: DuplicateGroup[]; nextCursor: string | null }> {
  requireRead(entity, opts.actor);
  const rules = visibleRules(entity, opts.actor);
  const ruleNames = RULE_ORDER.filter((r) => rules.some((x) => x.rule === r));
  let [ruleIndex, after] = decodeScanCursor(opts.cursor);
  const items: DuplicateGroup[] = [];
  let read = 0;
  while (ruleIndex < RULE_ORDER.length && items.length < opts.limit && read < MAX_CANDIDATES) {
    const rule = RULE_ORDER[ruleIndex];
    const fields = rules.filter((r) => r.rule === rule).map((r) => r.field);
    if (!ruleNames.includes(rule) || bestScore(rule, ruleNames) < opts.minScore) {
      ruleIndex += 1; after = '';
      continue;
    }
    const { rows } = await sql<{ match_key: string }>`SELECT match_key FROM duplicate_keys
      WHERE entity = ${entity.name} AND rule = ${rule} AND match_key > ${after} AND field IN (${sql.join(fields)})
      GROUP BY match_key HAVING count(DISTINCT record_id) BETWEEN 2 AND ${MAX_GROUP} ORDER BY match_key LIMIT ${BATCH}`.execute(db.kysely);
    read += rows.length;
    const candidates = rows.map((r) => ({ rule, key: String(r.match_key) }));
    for (const g of await buildGroups(db, entity, candidates, opts, rules.map((r) => r.field))) {
      items.push(g.group);
      after = g.key;
      if (items.length >= opts.limit) break;
    }
    if (items.length >= opts.limit) break;
    if (rows.length < BATCH) { ruleIndex += 1; after = ''; } else after = String(rows[rows.length - 1].match_key);
  }
  const done = ruleIndex >= RULE_ORDER.length;
  return { items, nextCursor: done ? null : encodeScanCursor(ruleIndex, after) };
}

/**
 * The highest score a group found by this rule can have: a group whose records share a stronger
 * key is shown under that key, so only this rule and the weaker ones add up. minScore skips whole rules by it.
 */
function bestScore(rule: RuleName, available: readonly RuleName[]): number {
  return combineScores(available.filter((r) => RULE_ORDER.indexOf(r) >= RULE_ORDER.indexOf(rule)).map((r) => RULE_SCORES[r]));
}

async function buildGroups(db: Database, entity: EntityDef, candidates: readonly Candidate[], opts: ScanOptions, fields: readonly string[]): Promise<{ key: string; group: DuplicateGroup }[]> {
  if (candidates.length === 0) return [];
  const rule = candidates[0].rule;
  const { rows: members } = await sql<{ match_key: string; record_id: number }>`SELECT match_key, record_id FROM duplicate_keys
    WHERE entity = ${entity.name} AND rule = ${rule} AND match_key IN (${sql.join(candidates.map((c) => c.key))}) AND field IN (${sql.join([...fields])})`.execute(db.kysely);
  const byKey = new Map<string, Set<number>>();
  for (const m of members) {
    const set = byKey.get(String(m.match_key)) ?? new Set<number>();
    set.add(Number(m.record_id));
    byKey.set(String(m.match_key), set);
  }
  const allIds = Array.from(new Set(members.map((m) => Number(m.record_id))));
  const records = await readableRecords(db.kysely, entity, allIds, opts.actor);
  const live = Array.from(records.keys());
  if (live.length < 2) return [];
  // Each record's keys over visible fields, with the field that gave each one.
  const keysOfRecord = new Map<number, Map<string, string>>();
  for (let i = 0; i < live.length; i += 500) {
    const { rows } = await sql<{ record_id: number; rule: string; match_key: string; field: string }>`SELECT record_id, rule, match_key, field FROM duplicate_keys
      WHERE entity = ${entity.name} AND record_id IN (${sql.join(live.slice(i, i + 500))})`.execute(db.kysely);
    for (const r of rows) {
      if (!fields.includes(r.field)) continue;
      const keys = keysOfRecord.get(Number(r.record_id)) ?? new Map<string, string>();
      keys.set(`${r.rule}\u0000${r.match_key}`, r.field);
      keysOfRecord.set(Number(r.record_id), keys);
    }
  }
  const dismissed = await dismissedPairs(db, entity, live);
  const out: { key: string; group: DuplicateGroup }[] = [];
  const groupIds: number[][] = [];
  const pending: { key: string; ids: number[]; reasons: MatchReason[]; score: number }[] = [];
  for (const c of candidates) {
    let ids = Array.from(byKey.get(c.key) ?? []).filter((id) => records.has(id)).sort((a, b) => a - b);
    // A record stays when it has at least one partner not marked "not a duplicate" of it.
    ids = ids.filter((a) => ids.some((b) => b !== a && !dismissed.has(pairKey(a, b))));
    if (ids.length < 2) continue;
    const shared = sharedKeys(ids, keysOfRecord);
    const stronger = shared.some((k) => RULE_ORDER.indexOf(k.rule) < RULE_ORDER.indexOf(c.rule));
    if (stronger) continue;
    const first = records.get(ids[0])?.record as ApiRecord;
    const reasons: MatchReason[] = [];
    for (const k of shared) {
      if (reasons.some((r) => r.rule === k.rule)) continue;
      const field = keysOfRecord.get(ids[0])?.get(`${k.rule}\u0000${k.key}`) ?? '';
      reasons.push({ rule: k.rule, field, value: String(first[field] ?? k.key), score: RULE_SCORES[k.rule] });
    }
    const score = combineScores(reasons.map((r) => r.score));
    if (score < opts.minScore) continue;
    pending.push({ key: c.key, ids, reasons, score });
    groupIds.push(ids);
  }
  const shown = await toApiRecords(db.kysely, entity, Array.from(new Set(groupIds.flat())).map((id) => records.get(id)?.row ?? {}), opts.locale);
  const byId = new Map(shown.map((r) => [r.id, redact(opts.actor.access, entity, r)]));
  for (const p of pending) {
    const recs = p.ids.map((id) => {
      const { _labels, ...values } = byId.get(id) as ApiRecord & { _labels?: Record<string, unknown> };
      return { id, title: titleOf(entity, values, opts.actor), version: Number(values.version), values, ...(_labels ? { _labels } : {}) };
    });
    out.push({ key: p.key, group: { key: `${rule}:${p.key}`, score: p.score, records: recs, reasons: p.reasons } });
  }
  return out;
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function dismissedPairs(db: Database, entity: EntityDef, ids: readonly number[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 400) {
    const chunk = ids.slice(i, i + 400);
    const { rows } = await sql<{ low_id: number; high_id: number }>`SELECT low_id, high_id FROM duplicate_dismissals
      WHERE entity = ${entity.name} AND (low_id IN (${sql.join(chunk)}) OR high_id IN (${sql.join(chunk)}))`.execute(db.kysely);
    for (const r of rows) out.add(pairKey(Number(r.low_id), Number(r.high_id)));
  }
  return out;
}

/** The keys every record of the group has, strongest rule first. */
function sharedKeys(ids: readonly number[], keysOfRecord: Map<number, Map<string, string>>): { rule: RuleName; key: string }[] {
  const [first, ...rest] = ids.map((id) => keysOfRecord.get(id) ?? new Map<string, string>());
  const shared = Array.from(first?.keys() ?? []).filter((k) => rest.every((s) => s.has(k)));
  return shared.map((k) => { const [rule, key] = k.split('\u0000'); return { rule: rule as RuleName, key }; })
    .sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) || a.key.localeCompare(b.key));
}
