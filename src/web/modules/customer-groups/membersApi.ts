import { api } from '../../core/api.js';
import type { ListPage } from '../../core/records.js';

/** A "select all matching": the customer list's own search (and filters) as the server reads them. */
export interface Matching {
  q?: string;
  filter?: Record<string, string>;
}

export interface MembersPatch {
  add?: number[];
  remove?: number[];
  addMatching?: Matching;
  removeMatching?: Matching;
}

export type MemberSide = 'members' | 'non-members';

export const MEMBER_PAGE = 50;

const base = (groupId: number) => `/v1/customer-groups/${groupId}`;

/** The group's members area and the dialog's two lists: the customer list narrowed on the server. */
export const membersApi = {
  list: (groupId: number, side: MemberSide, q: string, cursor: string | null, locale: string, signal?: AbortSignal) =>
    api<ListPage>(`${base(groupId)}/${side}`, { query: { q: q || undefined, cursor, limit: MEMBER_PAGE, locale }, signal }),
  add: (groupId: number, customerIds: number[]) => api<{ added: number; memberCount: number }>(`${base(groupId)}/members`, { method: 'POST', body: { customerIds } }),
  /** Everything the dialog collected, in one transaction: addMatching, add, removeMatching, remove. */
  patch: (groupId: number, body: MembersPatch) => api<{ added: number; removed: number; memberCount: number }>(`${base(groupId)}/members`, { method: 'PATCH', body }),
};
