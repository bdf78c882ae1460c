import type { EntityDef } from '../../../shared/entity/define.js';
import { duplicateRuleFields, type RuleName } from '../../../shared/duplicate-rules.js';
import { domainKey, emailKey, nameKey, phoneKey } from './normalise.js';

export type { RuleName };

/** How strongly one shared key says "the same": an email is nearly proof, a name a hint. */
export const RULE_SCORES: Readonly<Record<RuleName, number>> = { email: 90, phone: 80, name: 70, website: 60 };
/** Strongest first: the scan's order and which rule names a group. */
export const RULE_ORDER: readonly RuleName[] = ['email', 'phone', 'name', 'website'];
/** Bump when a normaliser changes: keys of every entity are rebuilt at the next start. */
export const RULES_VERSION = 1;

export interface FieldRule { field: string; rule: RuleName; key: (v: unknown) => string | null }

const cache = new WeakMap<EntityDef, readonly FieldRule[]>();

const KEYS: Readonly<Record<RuleName, (v: unknown) => string | null>> = { email: emailKey, phone: phoneKey, website: domainKey, name: nameKey };

/** The entity's match rules (shared/duplicate-rules.ts says which fields), each with its normaliser. */
export function rulesOf(entity: EntityDef): readonly FieldRule[] {
  const known = cache.get(entity);
  if (known) return known;
  const out = duplicateRuleFields(entity).map(({ field, rule }) => ({ field, rule, key: KEYS[rule] }));
  cache.set(entity, out);
  return out;
}

export interface RecordKey { rule: RuleName; field: string; key: string }

/** A record's keys (one per rule and key: two phone fields with the same number give one phone key per field). */
export function keysOf(entity: EntityDef, values: Record<string, unknown>, visible: (field: string) => boolean = () => true): RecordKey[] {
  const out: RecordKey[] = [];
  const seen = new Set<string>();
  for (const r of rulesOf(entity)) {
    if (!visible(r.field)) continue;
    const key = r.key(values[r.field]);
    if (key === null || seen.has(`${r.field}\u0000${key}`)) continue;
    seen.add(`${r.field}\u0000${key}`);
    out.push({ rule: r.rule, field: r.field, key });
  }
  return out;
}

/** Independent evidence combined: 100 − Π(100 − sᵢ) / 100^(n−1), so two 80s make 96; capped at 100, rounded. */
export function combineScores(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const miss = scores.reduce((p, s) => p * ((100 - s) / 100), 1);
  return Math.min(100, Math.round(100 - miss * 100));
}
