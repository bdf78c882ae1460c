import type { EntityDef } from '../../../shared/entity/define.js';
import { api } from '../api.js';
import type { EntityRecord } from '../records.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'export' | 'permission' | 'merge' | 'import';
export const AUDIT_ACTIONS: readonly AuditAction[] = ['create', 'update', 'delete', 'restore', 'export', 'permission', 'merge', 'import'];

export interface AuditActor {
  kind: 'user' | 'token' | 'system' | 'import';
  id: number | null;
  name: string | null;
}

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
  beforeLabel?: string | null;
  afterLabel?: string | null;
}

/** One line of the audit trail (scratch/issue15-contract.md). */
export interface AuditEntry {
  id: number;
  at: string;
  actor: AuditActor;
  requestId: string | null;
  entity: string;
  recordId: number | null;
  action: AuditAction;
  changes: AuditChange[];
  detail: string | null;
}

export interface AuditFilters {
  entity?: string;
  recordId?: string;
  actorId?: number | null;
  action?: string;
  /** ISO instants: the start of the first day and of the day after the last (in the display zone). */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditApi = {
  changes: (entity: EntityDef, id: number, signal?: AbortSignal) =>
    api<{ items: AuditEntry[] }>(`/v1/${entity.path}/${id}/changes`, { signal }),
  restore: (entity: EntityDef, id: number, entryId: number, field: string, version: number) =>
    api<EntityRecord>(`/v1/${entity.path}/${id}/changes/${entryId}/restore`, { method: 'POST', body: { field, version } }),
  log: (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
    api<AuditPage>('/v1/audit', {
      query: { entity: filters.entity, recordId: filters.recordId, actorId: filters.actorId ?? undefined, action: filters.action, from: filters.from, to: filters.to, cursor, limit: AUDIT_PAGE_SIZE },
      signal,
    }),
};

/** Under the entity's keys: every save that refreshes the entity refreshes its Changes tab too. */
export const changesKey = (entity: EntityDef, id: number) => ['records', entity.path, 'changes', id] as const;
export const auditKey = (filters: AuditFilters) => ['audit', filters] as const;
