import type { EntityRecord } from '../../core/records.js';
import type { MembersPatch } from './membersApi.js';

/** A "select all matching" that was moved: every customer the search `q` finds on the source side (count as listed). */
export interface MatchingMove {
  q: string;
  count: number;
  capped: boolean;
}

/** Changes collected in the dialog, applied only on OK. Records are kept so moved rows show at once. */
export interface PendingMembers {
  add: ReadonlyMap<number, EntityRecord>;
  remove: ReadonlyMap<number, EntityRecord>;
  addMatching: MatchingMove | null;
  removeMatching: MatchingMove | null;
}

export const NO_CHANGES: PendingMembers = { add: new Map(), remove: new Map(), addMatching: null, removeMatching: null };

/** Moves records into the group; a record that was pending removal simply stays a member. */
export function addRecords(p: PendingMembers, records: readonly EntityRecord[]): PendingMembers {
  const add = new Map(p.add);
  const remove = new Map(p.remove);
  for (const r of records) {
    if (remove.has(r.id)) remove.delete(r.id);
    else add.set(r.id, r);
  }
  return { ...p, add, remove };
}

/** Moves records out of the group; a record that was pending addition simply stays out. */
export function removeRecords(p: PendingMembers, records: readonly EntityRecord[]): PendingMembers {
  const add = new Map(p.add);
  const remove = new Map(p.remove);
  for (const r of records) {
    if (add.has(r.id)) add.delete(r.id);
    else remove.set(r.id, r);
  }
  return { ...p, add, remove };
}

/** How many customers change: individual moves plus the (listed) size of any matching move. */
export function pendingCount(p: PendingMembers): number {
  return p.add.size + p.remove.size + (p.addMatching?.count ?? 0) + (p.removeMatching?.count ?? 0);
}

export function hasChanges(p: PendingMembers): boolean {
  return p.add.size > 0 || p.remove.size > 0 || p.addMatching !== null || p.removeMatching !== null;
}

/** The one PATCH that OK sends (the server applies addMatching, add, removeMatching, remove in that order). */
export function toPatch(p: PendingMembers): MembersPatch {
  const body: MembersPatch = {};
  if (p.addMatching) body.addMatching = p.addMatching.q ? { q: p.addMatching.q } : {};
  if (p.add.size) body.add = [...p.add.keys()];
  if (p.removeMatching) body.removeMatching = p.removeMatching.q ? { q: p.removeMatching.q } : {};
  if (p.remove.size) body.remove = [...p.remove.keys()];
  return body;
}
