import type { EntityDef } from '../../../shared/entity/define.js';
import { api } from '../api.js';
import type { EntityRecord, RecordLabels } from '../records.js';

/** Why records look alike (issue 16 contract, "Duplicates and merge"): one matching rule on one field. */
export interface DuplicateReason {
  rule: 'email' | 'phone' | 'website' | 'name';
  field: string;
  value: string;
  score: number;
}

export interface DuplicateMember {
  id: number;
  title: string;
  version: number;
  values: Record<string, unknown>;
  _labels?: RecordLabels;
}

export interface DuplicateGroup {
  key: string;
  /** 0–100. */
  score: number;
  records: DuplicateMember[];
  reasons: DuplicateReason[];
}

export interface DuplicatePage {
  items: DuplicateGroup[];
  nextCursor: string | null;
}

export interface DuplicateMatch {
  id: number;
  title: string;
  score: number;
  reasons: DuplicateReason[];
}

export interface Merge {
  id: number;
  entity: string;
  survivorId: number;
  mergedIds: number[];
  moved: { entity: string; field: string; count: number }[];
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  undoneAt: string | null;
}

export interface MergeAnswer {
  merge: Merge;
  record: EntityRecord;
}

export const DUPLICATES_PAGE_SIZE = 20;

export const duplicatesApi = {
  groups: (entity: EntityDef, cursor: string | null, signal?: AbortSignal) =>
    api<DuplicatePage>(`/v1/${entity.path}/duplicates`, { query: { limit: DUPLICATES_PAGE_SIZE, cursor }, signal }),
  check: (entity: EntityDef, values: Record<string, unknown>, signal?: AbortSignal) =>
    api<{ matches: DuplicateMatch[] }>(`/v1/${entity.path}/duplicates/check`, { method: 'POST', body: values, signal }),
  dismiss: (entity: EntityDef, ids: readonly number[]) =>
    api<void>(`/v1/${entity.path}/duplicates/dismiss`, { method: 'POST', body: { ids } }),
  merge: (entity: EntityDef, survivorId: number, body: { fromIds: number[]; values: Record<string, unknown>; version?: number }) =>
    api<MergeAnswer>(`/v1/${entity.path}/${survivorId}/merge`, { method: 'POST', body }),
  merges: (entity: EntityDef, cursor: string | null, signal?: AbortSignal) =>
    api<{ items: Merge[]; nextCursor: string | null }>('/v1/merges', { query: { entity: entity.name, cursor }, signal }),
  undo: (mergeId: number) => api<MergeAnswer>(`/v1/merges/${mergeId}/undo`, { method: 'POST' }),
};

/** Under the entity's records key: a save, merge or undo that invalidates the records refreshes these too. */
export const duplicateKeys = {
  groups: (entity: EntityDef) => ['records', entity.path, 'duplicates'] as const,
  merges: (entity: EntityDef) => ['records', entity.path, 'merges'] as const,
};

/** A group member as the generic formatters take a record. */
export function memberRecord(m: DuplicateMember): EntityRecord {
  return { ...(m.values as Record<string, EntityRecord[string]>), id: m.id, version: m.version, _labels: m._labels };
}
