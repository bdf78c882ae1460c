import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldIssue } from '../../shared/entity/schema.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { DbSchema } from '../db/database.js';
import { invalid } from './errors.js';

const empty = (v: unknown) => v === null || v === undefined;

function before(kind: string, a: unknown, b: unknown): boolean {
  if (kind === 'datetime') return Date.parse(String(a)) < Date.parse(String(b));
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return String(a) < String(b); // dates (YYYY-MM-DD) and text order as strings
}

/**
 * Rules between fields that a single field's schema cannot see (field.ts: `when`,
 * `notBefore`, `within`), checked on the record as it will be after the write: `merged`
 * is the stored record with the write applied; `write` is what will be written, and may gain
 * values a rule fills in (a customer taken from the chosen contact).
 */
export async function applyFieldRules(trx: Kysely<DbSchema>, entity: EntityDef, merged: Record<string, unknown>, write: Record<string, unknown>, isCreate: boolean): Promise<void> {
  const issues: FieldIssue[] = [];
  await parentRules(trx, entity, merged, write, issues);
  for (const [name, f] of Object.entries(entity.fields)) {
    const w = f.within;
    if (!w || empty(merged[name]) || (!isCreate && !(name in write) && !(w.field in write))) continue;
    const target = entityByName(f.reference ?? '');
    if (!target) continue;
    const col = sql.ref(target.columnOf(w.targetField));
    const { rows } = await sql<{ v: unknown }>`SELECT ${col} AS v FROM ${sql.table(target.table)} WHERE id = ${merged[name]}`.execute(trx);
    const theirs = rows[0]?.v ?? null;
    if (empty(merged[w.field])) {
      if (!empty(theirs)) { merged[w.field] = Number(theirs); write[w.field] = Number(theirs); }
    } else if (theirs !== null && Number(theirs) !== Number(merged[w.field])) {
      issues.push({ field: name, message: `belongs to another ${entity.allFields[w.field]?.reference ?? w.field}: choose one of this record's ${w.field}` });
    }
  }
  for (const [name, f] of Object.entries(entity.fields)) {
    if (f.when) {
      const on = (merged[f.when.field] ?? false) === f.when.equals;
      if (!on && !empty(merged[name])) issues.push({ field: name, message: `must be empty when ${f.when.field} is ${String(!f.when.equals)}` });
      if (on && f.when.required && empty(merged[name])) issues.push({ field: name, message: `is required when ${f.when.field} is ${String(f.when.equals)}` });
    }
    if (f.notBefore && !empty(merged[name]) && !empty(merged[f.notBefore]) && before(f.kind, merged[name], merged[f.notBefore])) {
      issues.push({ field: name, message: `must not be before ${f.notBefore}` });
    }
  }
  if (issues.length) throw invalid(issues);
}

/** The parent of a dictionary value (null for a top-level one, undefined when there is no such value). */
async function parentOf(trx: Kysely<DbSchema>, id: unknown): Promise<number | null | undefined> {
  const { rows } = await sql<{ p: number | null }>`SELECT parent_id AS p FROM dictionary_values WHERE id = ${id}`.execute(trx);
  return rows.length === 0 ? undefined : rows[0].p === null ? null : Number(rows[0].p);
}

/**
 * `parent`: a child value (subcategory) must be a child of the parent field's value (category).
 * A write that changes the parent and leaves the child out clears the child, as the form does;
 * a child chosen with no parent fills the parent in.
 */
async function parentRules(trx: Kysely<DbSchema>, entity: EntityDef, merged: Record<string, unknown>, write: Record<string, unknown>, issues: FieldIssue[]): Promise<void> {
  for (const [name, f] of Object.entries(entity.fields)) {
    const parentField = f.parent;
    if (!parentField || empty(merged[name])) continue;
    const parent = await parentOf(trx, merged[name]);
    if (parent === undefined) continue; // not a value at all: the reference check reports it
    if (parentField in write && !(name in write) && parent !== merged[parentField]) {
      merged[name] = null;
      write[name] = null;
      continue;
    }
    if (parent === null) issues.push({ field: name, message: `is a top-level value: choose a child of the ${parentField} value` });
    else if (empty(merged[parentField])) { merged[parentField] = parent; write[parentField] = parent; }
    else if (parent !== Number(merged[parentField])) issues.push({ field: name, message: `does not belong to the chosen ${parentField}` });
  }
}
