import type { Kysely } from 'kysely';
import type { DbSchema, DialectName } from '../db/database.js';

export interface WriteContext {
  readonly trx: Kysely<DbSchema>;
  readonly dialect: DialectName;
  readonly userId: number;
}

/**
 * What a module may attach to an entity's writes. Hooks run inside the write's
 * transaction, so whatever they change commits or rolls back with the record.
 */
export interface RecordHooks {
  beforeWrite?(ctx: WriteContext, values: Record<string, unknown>, existing: Record<string, unknown> | null): Promise<void>;
  afterWrite?(ctx: WriteContext, record: Record<string, unknown>, existing: Record<string, unknown> | null): Promise<void>;
}

const registry = new Map<string, RecordHooks[]>();

export function registerHooks(entityName: string, hooks: RecordHooks): void {
  registry.set(entityName, [...(registry.get(entityName) ?? []), hooks]);
}

export function hooksFor(entityName: string): readonly RecordHooks[] {
  return registry.get(entityName) ?? [];
}
