import { sql, type RawBuilder } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldDef } from '../../shared/entity/field.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { Database } from '../db/database.js';
import { hiddenFields, type Access } from '../auth/access.js';
import { isLabelled, labelsFor, userLabels } from './labels.js';
import type { Locale } from './list-params.js';
import type { FieldChange } from './audit.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { kind: string; id: number | null; name: string | null; tokenId: number | null };
  requestId: string | null;
  entity: string;
  recordId: number | null;
  action: string;
  changes: (FieldChange & { beforeLabel: string | null; afterLabel: string | null })[];
  detail: string | null;
}

interface AuditRow { id: number; at: string | Date; actor_kind: string; actor_id: number | null; token_id: number | null; request_id: string | null; entity: string; record_id: number | null; action: string; changes: string | null; detail: string | null }

/** Rows of the audit log, newest first, labelled in the locale; fields the reader may not see are left out. */
export async function readAudit(db: Database, where: RawBuilder<unknown>, limit: number, access: Access, locale: Locale): Promise<{ items: AuditEntry[]; more: boolean }> {
  const { rows } = await sql<AuditRow>`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT ${limit + 1}`.execute(db.kysely);
  const kept = rows.slice(0, limit);
  const users = await userLabels(db.kysely, [...new Set(kept.map((r) => r.actor_id).filter((x): x is number => x !== null).map(Number))], locale);
  const parsed = kept.map((r) => {
    const entity = entityByName(r.entity);
    let changes: FieldChange[] = [];
    try { changes = r.changes ? JSON.parse(r.changes) as FieldChange[] : []; } catch { changes = []; }
    const hidden = entity ? hiddenFields(access, entity) : new Set<string>();
    return { r, entity, changes: changes.filter((c) => !hidden.has(c.field)) };
  });
  const labels = await labelsOfPage(db, parsed, locale);
  const items: AuditEntry[] = parsed.map(({ r, entity, changes }) => ({
    id: Number(r.id), at: new Date(r.at).toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id === null ? null : Number(r.actor_id), name: r.actor_id === null ? null : users.get(Number(r.actor_id)) ?? null, tokenId: r.token_id === null ? null : Number(r.token_id) },
    requestId: r.request_id, entity: r.entity, recordId: r.record_id === null ? null : Number(r.record_id), action: r.action,
    changes: changes.map((c) => {
      const show = labels.get(`${entity?.name}.${c.field}`);
      return { ...c, beforeLabel: show ? show(c.before) : null, afterLabel: show ? show(c.after) : null };
    }),
    detail: r.detail,
  }));
  return { items, more: rows.length > limit };
}

/**
 * Dictionary and reference values with their display text, as the record shows them: one lookup per
 * field for the whole page, keyed `entity.field`, each turning a value (or an id set) into its text.
 */
async function labelsOfPage(db: Database, page: { entity: EntityDef | undefined; changes: FieldChange[] }[], locale: Locale): Promise<Map<string, (v: unknown) => string | null>> {
  const wanted = new Map<string, { f: FieldDef; ids: Set<number> }>();
  for (const { entity, changes } of page) {
    for (const c of changes) {
      const f = entity?.allFields[c.field];
      if (!entity || !f || !isLabelled(f)) continue;
      const key = `${entity.name}.${c.field}`;
      const w = wanted.get(key) ?? { f, ids: new Set<number>() };
      for (const v of [c.before, c.after].flatMap((x) => (Array.isArray(x) ? x : [x]))) if (typeof v === 'number') w.ids.add(v);
      wanted.set(key, w);
    }
  }
  const out = new Map<string, (v: unknown) => string | null>();
  for (const [key, { f, ids }] of wanted) {
    const labels = await labelsFor(db, f, [...ids], locale);
    out.set(key, (v) => (v === null || v === undefined ? null : Array.isArray(v) ? v.map((x) => labels.get(Number(x)) ?? String(x)).join(', ') : labels.get(Number(v)) ?? String(v)));
  }
  return out;
}
