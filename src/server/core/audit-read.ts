import { sql, type RawBuilder } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
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
  const items: AuditEntry[] = [];
  for (const r of kept) {
    const entity = entityByName(r.entity);
    let changes: FieldChange[] = [];
    try { changes = r.changes ? JSON.parse(r.changes) as FieldChange[] : []; } catch { changes = []; }
    if (entity) {
      const hidden = hiddenFields(access, entity);
      changes = changes.filter((c) => !hidden.has(c.field));
    }
    items.push({
      id: Number(r.id), at: new Date(r.at).toISOString(),
      actor: { kind: r.actor_kind, id: r.actor_id === null ? null : Number(r.actor_id), name: r.actor_id === null ? null : users.get(Number(r.actor_id)) ?? null, tokenId: r.token_id === null ? null : Number(r.token_id) },
      requestId: r.request_id, entity: r.entity, recordId: r.record_id === null ? null : Number(r.record_id), action: r.action,
      changes: await labelled(db, entity, changes, locale), detail: r.detail,
    });
  }
  return { items, more: rows.length > limit };
}

/** Dictionary and reference values with their display text, as the record shows them. */
async function labelled(db: Database, entity: EntityDef | undefined, changes: FieldChange[], locale: Locale): Promise<AuditEntry['changes']> {
  const out: AuditEntry['changes'] = [];
  for (const c of changes) {
    const f = entity?.allFields[c.field];
    let beforeLabel: string | null = null;
    let afterLabel: string | null = null;
    if (f && isLabelled(f)) {
      const ids = [c.before, c.after].flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is number => typeof v === 'number');
      const labels = await labelsFor(db, f, ids, locale);
      const show = (v: unknown) => (v === null || v === undefined ? null : Array.isArray(v) ? v.map((x) => labels.get(Number(x)) ?? String(x)).join(', ') : labels.get(Number(v)) ?? String(v));
      beforeLabel = show(c.before);
      afterLabel = show(c.after);
    }
    out.push({ ...c, beforeLabel, afterLabel });
  }
  return out;
}
