import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { DbSchema } from '../db/database.js';
import type { ActorKind } from '../auth/actor.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'export' | 'permission' | 'merge' | 'import';
export interface FieldChange { field: string; before: unknown; after: unknown }
/** Who a change is recorded against: the actor without its access rules. */
export interface AuditActor { kind: ActorKind; userId: number; tokenId: number | null; requestId: string | null }
export interface AuditEvent { entity: string; recordId: number | null; action: AuditAction; changes?: FieldChange[]; detail?: string | null }

/** Fields that are bookkeeping, not content: their change is the write itself. */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'deletedAt']);

const norm = (v: unknown): string => JSON.stringify(v === undefined ? null : v);

/**
 * The fields a write changed, before and after (references as id sets, lines as their rows).
 * `before` null is a new record: every field given a value.
 */
export function diffRecord(entity: EntityDef, before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [name, f] of Object.entries(entity.fields)) {
    if (BOOKKEEPING.has(name) || f.kind === 'computed' || !(name in after)) continue;
    const a = after[name] ?? null;
    if (before === null) {
      if (a === null || (Array.isArray(a) && a.length === 0)) continue;
      out.push({ field: name, before: null, after: a });
      continue;
    }
    if (!(name in before)) continue;
    const b = before[name] ?? null;
    if (norm(stripLineIds(b)) !== norm(stripLineIds(a))) out.push({ field: name, before: b, after: a });
  }
  return out;
}

/** Lines compare by content: a line's row id changes when lines are rewritten. */
function stripLineIds(v: unknown): unknown {
  if (!Array.isArray(v) || !v.some((x) => x && typeof x === 'object')) return v;
  return v.map((x) => (x && typeof x === 'object' ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([k]) => k !== 'id')) : x));
}

/** One append-only row, in the caller's transaction: the change and its record commit or roll back together. */
export async function writeAudit(trx: Kysely<DbSchema>, actor: AuditActor, e: AuditEvent): Promise<void> {
  if (e.action === 'update' && e.changes && e.changes.length === 0 && !e.detail) return;
  await sql`INSERT INTO audit_log (at, actor_kind, actor_id, token_id, request_id, entity, record_id, action, changes, detail)
    VALUES (${new Date().toISOString()}, ${actor.kind}, ${actor.userId}, ${actor.tokenId}, ${actor.requestId ? actor.requestId.slice(0, 64) : null}, ${e.entity},
    ${e.recordId}, ${e.action}, ${e.changes && e.changes.length ? JSON.stringify(e.changes) : null}, ${e.detail ?? null})`.execute(trx);
}

/** Many rows in one statement per few hundred (an import's chunk of new records). */
export async function writeAuditMany(trx: Kysely<DbSchema>, actor: AuditActor, events: readonly AuditEvent[]): Promise<void> {
  const at = new Date().toISOString();
  const req = actor.requestId ? actor.requestId.slice(0, 64) : null;
  for (let k = 0; k < events.length; k += 300) {
    const part = events.slice(k, k + 300);
    await sql`INSERT INTO audit_log (at, actor_kind, actor_id, token_id, request_id, entity, record_id, action, changes, detail)
      VALUES ${sql.join(part.map((e) => sql`(${at}, ${actor.kind}, ${actor.userId}, ${actor.tokenId}, ${req}, ${e.entity}, ${e.recordId}, ${e.action},
      ${e.changes && e.changes.length ? JSON.stringify(e.changes) : null}, ${e.detail ?? null})`))}`.execute(trx);
  }
}
