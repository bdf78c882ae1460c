import { sql } from 'kysely';
import { entityByPath } from '../../../shared/entities/registry.js';
import type { EntityDef } from '../../../shared/entity/define.js';
import { LAB_STEPS, moduleOf, type LabRule, type LabStepState, type WhereValue } from '../../../shared/lab/steps.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/installation.js';
import { parseListParams, type RawQuery } from '../../core/list-params.js';
import { groupRecords, listRecords } from '../../core/list-service.js';
import { firstUses } from '../../core/usage.js';
import { fullAccess } from '../../auth/access.js';

/** A rule's verdict: null while not done, else when it became done. */
type Verdict = string | null;

const entityOf = (path: string): EntityDef => {
  const e = entityByPath(path);
  if (!e) throw new Error(`Lab rule names no entity: ${path}`);
  return e;
};

const iso = (v: unknown): string | null => (typeof v === 'string' || v instanceof Date ? new Date(v).toISOString() : null);
const latest = (xs: readonly string[]) => xs.reduce((a, b) => (a > b ? a : b));

/**
 * Judges every step from the data and from usage, each time it is asked: nothing is stored, so a
 * step un-ticks when its work is undone (the only primary contact deleted) and ticks exactly when
 * the work is done. The queries are the list service's own, through the entity definitions.
 */
export async function labProgress(db: Database, clock: Clock): Promise<LabStepState[]> {
  const refs = new Map<string, string | null>();

  /** A filter value, or the id of the first record another list query finds (a group by position). */
  const resolve = async (v: WhereValue): Promise<string | null> => {
    if (typeof v === 'string') return v;
    const key = JSON.stringify(v);
    if (!refs.has(key)) {
      const found = await listRecords(db, entityOf(v.ref), parseListParams(entityOf(v.ref), { ...v.where, limit: '1', total: 'none' }, clock, fullAccess()));
      refs.set(key, found.items[0] ? String(found.items[0].id) : null);
    }
    return refs.get(key) ?? null;
  };
  const query = async (where: Readonly<Record<string, WhereValue>> | undefined, extra: RawQuery): Promise<RawQuery | null> => {
    const q: RawQuery = { ...extra };
    for (const [k, v] of Object.entries(where ?? {})) {
      const value = await resolve(v);
      if (value === null) return null;
      q[k] = value;
    }
    return q;
  };

  const judge = async (rule: LabRule): Promise<Verdict> => {
    if ('installed' in rule) {
      const { rows } = await sql<{ at: string | Date | null }>`SELECT MIN(created_at) AS at FROM users`.execute(db.kysely);
      return iso(rows[0]?.at) ?? new Date(clock.now).toISOString();
    }
    if ('used' in rule) {
      const times = rule.times ?? 1;
      const events = typeof rule.used === 'string' ? [rule.used] : rule.used;
      const uses = await firstUses(db.kysely, events, rule.subject, times);
      return uses.length >= times ? uses[times - 1] : null;
    }
    if ('count' in rule) {
      const entity = entityOf(rule.count);
      const min = rule.min ?? 1;
      const at = rule.at ?? 'createdAt';
      const q = await query(rule.where, { sort: `${at},id`, limit: String(min), total: 'none' });
      if (!q) return null;
      const { items } = await listRecords(db, entity, parseListParams(entity, q, clock, fullAccess()));
      return items.length >= min ? iso(items[min - 1][at]) ?? new Date(clock.now).toISOString() : null;
    }
    if ('grouped' in rule) {
      const entity = entityOf(rule.grouped);
      const size = rule.size ?? 1;
      const q = await query(rule.where, { groupBy: rule.by });
      if (!q) return null;
      const { groups } = await groupRecords(db, entity, parseListParams(entity, q, clock, fullAccess()));
      const full = groups.filter((g) => g.value !== null && g.count >= size);
      const need = rule.groups ?? 1;
      if (full.length < need) return null;
      // When each group got its size-th record; the rule holds from the need-th of those.
      const times: string[] = [];
      for (const g of full) {
        const one = await listRecords(db, entity, parseListParams(entity, { ...q, groupBy: undefined, [`filter[${rule.by}]`]: String(g.value), sort: 'createdAt,id', limit: String(size), total: 'none' }, clock, fullAccess()));
        const t = iso(one.items[size - 1]?.createdAt);
        if (t) times.push(t);
      }
      times.sort();
      return times[need - 1] ?? null;
    }
    const parts = await Promise.all(rule.all.map(judge));
    return parts.every((p): p is string => p !== null) ? latest(parts) : null;
  };

  const out: LabStepState[] = [];
  for (const step of LAB_STEPS) {
    const doneAt = await judge(step.rule);
    out.push({ id: step.id, module: moduleOf(step.id), done: doneAt !== null, doneAt });
  }
  return out;
}
