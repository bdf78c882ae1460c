import type { Kysely } from 'kysely';
import type { DbSchema } from '../db/database.js';

/**
 * The values of a `computed` field for a batch of records (a list page, one record), in one
 * query. A module provides it, because what a value is computed from is that module's business;
 * core only calls it once per page, so a list never makes one query per row.
 */
export type ComputedLoader = (executor: Kysely<DbSchema>, ids: readonly number[]) => Promise<Map<number, unknown>>;

const loaders = new Map<string, ComputedLoader>();

export function registerComputed(entityName: string, field: string, loader: ComputedLoader): void {
  loaders.set(`${entityName}.${field}`, loader);
}

export function computedLoader(entityName: string, field: string): ComputedLoader | undefined {
  return loaders.get(`${entityName}.${field}`);
}
