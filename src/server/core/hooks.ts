import type { Kysely } from 'kysely';
import type { DbSchema, DialectName } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import type { EntityDef } from '../../shared/entity/define.js';

export interface WriteContext {
  readonly trx: Kysely<DbSchema>;
  readonly dialect: DialectName;
  readonly userId: number;
  /** Who writes, under which rules: module writes inside the hook are audited as this actor. */
  readonly actor: Actor;
}

/** A field of some record a hook changed during a merge, so undo can put it back (where it still holds `after`). */
export interface MergeChange { entity: string; id: number; field: string; before: unknown; after: unknown }

/**
 * What a module may attach to an entity's writes. Hooks run inside the write's
 * transaction, so whatever they change commits or rolls back with the record.
 * `values` is the write as parsed (camelCase); a before-hook may change it.
 */
export interface RecordHooks {
  beforeWrite?(ctx: WriteContext, values: Record<string, unknown>, existing: Record<string, unknown> | null): Promise<void>;
  afterWrite?(ctx: WriteContext, record: Record<string, unknown>, existing: Record<string, unknown> | null): Promise<void>;
  /** Before a record leaves Trash: `trashed` is the record as it is in Trash (stored values). */
  beforeRestore?(ctx: WriteContext, trashed: Record<string, unknown>): Promise<void>;
  afterRestore?(ctx: WriteContext, record: Record<string, unknown>): Promise<void>;
  /**
   * Before `mergedIds` are merged into `survivorId` and the records hanging off them move (a
   * customer's contacts): a module makes room for its own rules (one primary contact per customer,
   * which a unique index holds) and returns what it changed, kept with the merge for undo.
   */
  beforeMerge?(ctx: WriteContext, survivorId: number, mergedIds: readonly number[]): Promise<MergeChange[]>;
  /**
   * New records inserted as a batch (an import's chunk, `RecordService.createMany`) instead of
   * `afterWrite` for each: a hook that has it (and no `beforeWrite`) lets an entity load in batches.
   */
  afterCreateMany?(ctx: WriteContext, records: readonly { id: number; values: Record<string, unknown> }[]): Promise<void>;
}

/** Whether new records of the entity may be inserted in batches: every hook that follows its writes handles a batch. */
export function batchable(entity: EntityDef): boolean {
  return hooksFor(entity).every((h) => !h.beforeWrite && (!h.afterWrite || h.afterCreateMany));
}

/** Keyed by the entity's definition itself, not a name a typo could miss. */
const registry = new Map<EntityDef, RecordHooks[]>();

/** Registering the same hooks object again is a no-op, so building several apps in one process is safe. */
export function registerHooks(entity: EntityDef, hooks: RecordHooks): void {
  const list = registry.get(entity) ?? [];
  if (!list.includes(hooks)) registry.set(entity, [...list, hooks]);
}

export function hooksFor(entity: EntityDef): readonly RecordHooks[] {
  return registry.get(entity) ?? [];
}
