import type { EntityDef } from '../../../shared/entity/define.js';
import { api } from '../api.js';
import type { Scope } from '../../auth/useMe.js';

/** An i18n key with its parameters, or a sentence the server wrote. */
export type Reason = string | { key: string; params?: Record<string, string | number> };

export interface Grant {
  allowed: boolean;
  scope: Scope;
  role: string | null;
  reason: Reason | null;
}

export interface RecordAccess {
  read: Grant;
  edit: Grant;
  delete: Grant;
  /** Fields with a rule other than read-write for this user. */
  fields?: Record<string, 'read-only' | 'hidden'>;
}

export const accessApi = {
  of: (entity: EntityDef, id: number, signal?: AbortSignal) => api<RecordAccess>(`/v1/${entity.path}/${id}/access`, { signal }),
};
