import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { attributesSchema, withDefaults, type DictionaryValue } from '../../shared/dictionaries.js';

export type { DictionaryValue };
import { COLOR_PATTERN } from '../../shared/entity/field.js';
import { fieldIssues } from '../../shared/entity/schema.js';
import type { Database, DbSchema } from '../db/database.js';
import { dictionaryHooksFor, usageCounts, usagesOf } from './dictionary-usage.js';
import { badRequest, invalid, notFound, ProblemError } from './errors.js';
import type { WriteContext } from './hooks.js';
import { parseJsonObject } from './json.js';
import { localLabel } from './labels.js';
import { LOCALES, type Locale } from './list-params.js';
import type { Actor } from './records.js';

export interface DictionaryInfo { key: string; hierarchical: boolean }

interface ValueRow {
  id: number; code: string; label: string; labels: string; parent_id: number | null; color: string | null;
  position: number; active: unknown; attributes: string; version: number;
}

const ID = z.number().int().positive().max(2147483647);
const LABEL = z.string().trim().min(1, 'is required').max(100);
const labelsSchema = z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().max(100).nullable().optional()])));
const colorSchema = z.string().trim().max(20).refine((c) => c === '' || COLOR_PATTERN.test(c), { message: 'must be a colour name (blue, red, …) or #rrggbb' }).nullable().optional();


/** Labels kept per locale: an empty one is removed (the default label shows there). */
function mergeLabels(stored: Record<string, unknown>, changes: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of LOCALES) {
    const v = l in changes ? changes[l] : stored[l];
    if (typeof v === 'string' && v.trim()) out[l] = v.trim();
  }
  return out;
}

/** A stable code from a label: ASCII words joined by dashes, else `value`. */
function slug(label: string): string {
  const s = label.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50);
  return s || 'value';
}

const isTrue = (v: unknown) => v === true || v === 1;

/**
 * Dictionary values as data users edit (DESIGN.md §3): add, rename (per locale), reorder,
 * colour, deactivate, delete when unused, merge into another value. Ids never change, so a
 * rename shows everywhere at once. Every write is one transaction; a stale `version` is a 409.
 */
export class DictionaryService {
  constructor(readonly db: Database) {}

  async dictionary(key: string, executor: Kysely<DbSchema> = this.db.kysely): Promise<DictionaryInfo> {
    const { rows } = await sql<{ key: string; hierarchical: unknown }>`SELECT key, hierarchical FROM dictionaries WHERE key = ${key}`.execute(executor);
    if (!rows[0]) throw notFound(`No dictionary "${key.slice(0, 60)}"`);
    return { key: rows[0].key, hierarchical: isTrue(rows[0].hierarchical) };
  }

  async dictionaries(): Promise<DictionaryInfo[]> {
    const { rows } = await sql<{ key: string; hierarchical: unknown }>`SELECT key, hierarchical FROM dictionaries ORDER BY position, key`.execute(this.db.kysely);
    return rows.map((r) => ({ key: r.key, hierarchical: isTrue(r.hierarchical) }));
  }

  private toValue(key: string, r: ValueRow, locale: Locale): DictionaryValue {
    const labels = mergeLabels(parseJsonObject(r.labels), {});
    return {
      id: Number(r.id), code: r.code, label: localLabel(r.labels, r.label, locale), defaultLabel: r.label, labels,
      parentId: r.parent_id === null ? null : Number(r.parent_id), color: r.color, position: Number(r.position),
      active: isTrue(r.active), attributes: withDefaults(key, parseJsonObject(r.attributes)), version: Number(r.version),
    };
  }

  async values(key: string, locale: Locale): Promise<DictionaryValue[]> {
    await this.dictionary(key);
    // Top-level values in order, each followed by its children in order.
    const { rows } = await sql<ValueRow>`SELECT v.id, v.code, v.label, v.labels, v.parent_id, v.color, v.position, v.active, v.attributes, v.version
      FROM dictionary_values v LEFT JOIN dictionary_values p ON p.id = v.parent_id
      WHERE v.dictionary_key = ${key} ORDER BY COALESCE(p.position, v.position), COALESCE(p.id, v.id), v.parent_id IS NOT NULL, v.position, v.id`.execute(this.db.kysely);
    return rows.map((r) => this.toValue(key, r, locale));
  }

  private async row(key: string, id: number, executor: Kysely<DbSchema>): Promise<ValueRow> {
    const lock = this.db.dialect === 'postgres' ? sql` FOR UPDATE` : sql``;
    const { rows } = await sql<ValueRow>`SELECT id, code, label, labels, parent_id, color, position, active, attributes, version FROM dictionary_values
      WHERE id = ${id} AND dictionary_key = ${key}${lock}`.execute(executor);
    if (!rows[0]) throw notFound(`No value ${id} in the ${key.slice(0, 60)} dictionary`);
    return rows[0];
  }

  async value(key: string, id: number, locale: Locale, executor: Kysely<DbSchema> = this.db.kysely): Promise<DictionaryValue> {
    return this.toValue(key, await this.row(key, id, executor), locale);
  }

  /** How many records use each value (live and in Trash), for the editor's "Used by". */
  async usage(key: string): Promise<Record<number, number>> {
    await this.dictionary(key);
    const { rows } = await sql<{ id: number }>`SELECT id FROM dictionary_values WHERE dictionary_key = ${key}`.execute(this.db.kysely);
    const counts = await usageCounts(this.db.kysely, key, rows.map((r) => Number(r.id)));
    return Object.fromEntries(counts);
  }

  private tx<T>(run: (trx: Kysely<DbSchema>) => Promise<T>, executor?: Kysely<DbSchema>): Promise<T> {
    return executor ? run(executor) : this.db.kysely.transaction().execute(run);
  }

  private bool(v: boolean): unknown {
    return this.db.dialect === 'sqlite' ? (v ? 1 : 0) : v;
  }

  /** A parent must be a top-level value of the same, hierarchical dictionary (two levels). */
  private async checkParent(trx: Kysely<DbSchema>, dict: DictionaryInfo, parentId: number | null): Promise<void> {
    if (parentId === null) return;
    if (!dict.hierarchical) throw invalid([{ field: 'parentId', message: `the ${dict.key} dictionary has no levels` }]);
    const { rows } = await sql<{ parent_id: number | null }>`SELECT parent_id FROM dictionary_values WHERE id = ${parentId} AND dictionary_key = ${dict.key}`.execute(trx);
    if (!rows[0]) throw invalid([{ field: 'parentId', message: `is not a value of the ${dict.key} dictionary` }]);
    if (rows[0].parent_id !== null) throw invalid([{ field: 'parentId', message: 'is itself a child value: values have two levels' }]);
  }

  /** Two values side by side (same parent) may not read the same in any language. */
  private async checkLabelFree(trx: Kysely<DbSchema>, key: string, parentId: number | null, texts: readonly string[], exceptId: number | null): Promise<void> {
    const siblings = parentId === null ? sql`parent_id IS NULL` : sql`parent_id = ${parentId}`;
    const except = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
    const { rows } = await sql<{ label: string; labels: string }>`SELECT label, labels FROM dictionary_values WHERE dictionary_key = ${key} AND ${siblings}${except}`.execute(trx);
    const taken = new Set(rows.flatMap((r) => [r.label, ...Object.values(parseJsonObject(r.labels)).filter((x): x is string => typeof x === 'string')]).map((x) => x.trim().toLowerCase()));
    const clash = texts.find((t) => taken.has(t.trim().toLowerCase()));
    if (clash !== undefined) throw invalid([{ field: 'label', message: `is already used by another value here ("${clash.slice(0, 100)}")` }]);
  }

  private async freeCode(trx: Kysely<DbSchema>, key: string, wanted: string): Promise<string> {
    const { rows } = await sql<{ code: string }>`SELECT code FROM dictionary_values WHERE dictionary_key = ${key} AND (code = ${wanted} OR code LIKE ${`${wanted}-%`})`.execute(trx);
    const used = new Set(rows.map((r) => r.code));
    if (!used.has(wanted)) return wanted;
    for (let i = 2; ; i++) if (!used.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
  }

  /** `executor`: the caller's transaction (an import creating missing values with its chunk). */
  async create(key: string, body: unknown, locale: Locale, executor?: Kysely<DbSchema>): Promise<DictionaryValue> {
    const schema = z.strictObject({
      label: LABEL,
      labels: labelsSchema.optional(),
      code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be lowercase letters, digits and dashes').optional(),
      parentId: ID.nullable().optional(),
      color: colorSchema,
      active: z.boolean().optional(),
      position: z.number().int().min(0).max(1_000_000_000).optional(),
      attributes: attributesSchema(key).optional(),
    });
    return this.tx(async (trx) => {
      const dict = await this.dictionary(key, trx);
      const parsed = schema.safeParse(body ?? {});
      if (!parsed.success) throw invalid(fieldIssues(parsed.error));
      const b = parsed.data;
      const parentId = b.parentId ?? null;
      await this.checkParent(trx, dict, parentId);
      const labels = mergeLabels({}, b.labels ?? {});
      await this.checkLabelFree(trx, key, parentId, [b.label, ...Object.values(labels)], null);
      let code: string;
      if (b.code) {
        const { rows } = await sql`SELECT 1 FROM dictionary_values WHERE dictionary_key = ${key} AND code = ${b.code}`.execute(trx);
        if (rows.length) throw invalid([{ field: 'code', message: 'is already used by another value' }]);
        code = b.code;
      } else {
        code = await this.freeCode(trx, key, slug(b.label));
      }
      const siblings = parentId === null ? sql`parent_id IS NULL` : sql`parent_id = ${parentId}`;
      const { rows: top } = await sql<{ p: number | null }>`SELECT max(position) AS p FROM dictionary_values WHERE dictionary_key = ${key} AND ${siblings}`.execute(trx);
      const position = b.position ?? (top[0]?.p === null || top[0]?.p === undefined ? 0 : Number(top[0].p) + 10);
      const now = new Date().toISOString();
      const { rows } = await sql<{ id: number }>`INSERT INTO dictionary_values (dictionary_key, parent_id, code, label, labels, color, position, active, attributes, created_at, updated_at)
        VALUES (${key}, ${parentId}, ${code}, ${b.label}, ${JSON.stringify(labels)}, ${b.color || null}, ${position}, ${this.bool(b.active ?? true)},
        ${JSON.stringify(b.attributes ?? {})}, ${now}, ${now}) RETURNING id`.execute(trx);
      return this.value(key, Number(rows[0].id), locale, trx);
    }, executor);
  }

  async update(key: string, id: number, body: unknown, actor: Actor, locale: Locale): Promise<DictionaryValue> {
    const schema = z.strictObject({
      label: LABEL.optional(),
      labels: labelsSchema.optional(),
      color: colorSchema,
      active: z.boolean().optional(),
      position: z.number().int().min(0).max(1_000_000_000).optional(),
      attributes: attributesSchema(key).optional(),
      version: z.number().int().nonnegative(),
    });
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const b = parsed.data;
    return this.tx(async (trx) => {
      await this.dictionary(key, trx);
      const row = await this.row(key, id, trx);
      if (Number(row.version) !== b.version) {
        throw new ProblemError(409, 'Conflict', `This value was changed by someone else (now version ${row.version}); nothing was saved.`, undefined, { current: this.toValue(key, row, locale) });
      }
      const labels = b.labels === undefined ? parseJsonObject(row.labels) : mergeLabels(parseJsonObject(row.labels), b.labels);
      const label = b.label ?? row.label;
      const texts = [...(b.label !== undefined ? [label] : []), ...(b.labels ? Object.values(b.labels).filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [])];
      if (texts.length) await this.checkLabelFree(trx, key, row.parent_id === null ? null : Number(row.parent_id), texts, id);
      const attributes = b.attributes === undefined ? parseJsonObject(row.attributes) : { ...parseJsonObject(row.attributes), ...b.attributes };
      const now = new Date().toISOString();
      const result = await sql`UPDATE dictionary_values SET label = ${label}, labels = ${JSON.stringify(labels)},
        color = ${b.color === undefined ? row.color : b.color || null}, active = ${this.bool(b.active ?? isTrue(row.active))},
        position = ${b.position ?? Number(row.position)}, attributes = ${JSON.stringify(attributes)}, version = version + 1, updated_at = ${now}
        WHERE id = ${id} AND version = ${b.version}`.execute(trx);
      if (Number(result.numAffectedRows ?? 0) !== 1) throw new ProblemError(409, 'Conflict', 'This value was changed by someone else; nothing was saved.');
      if (b.attributes !== undefined) await this.changed(trx, key, [id], actor);
      return this.value(key, id, locale, trx);
    });
  }

  private async changed(trx: Kysely<DbSchema>, key: string, ids: number[], actor: Actor): Promise<void> {
    const ctx: WriteContext = { trx, dialect: this.db.dialect, userId: actor.userId, actor };
    for (const h of dictionaryHooksFor(key)) await h.valuesChanged?.(ctx, ids);
  }

  /** Hard delete, only of a value nothing uses and with no child values. */
  async remove(key: string, id: number): Promise<void> {
    await this.tx(async (trx) => {
      await this.dictionary(key, trx);
      await this.row(key, id, trx);
      const { rows: kids } = await sql<{ n: number }>`SELECT count(*) AS n FROM dictionary_values WHERE parent_id = ${id}`.execute(trx);
      const children = Number(kids[0].n);
      if (children > 0) {
        throw new ProblemError(409, 'Conflict', `This value has ${children} child values: delete or merge them first, or deactivate it.`, undefined, { children });
      }
      const used = (await usageCounts(trx, key, [id], { modules: true })).get(id) ?? 0;
      if (used > 0) {
        throw new ProblemError(409, 'Conflict', `This value is used by ${used} records, so it cannot be deleted: deactivate it (it stays on those records but is no longer offered), or merge it into another value.`, undefined, { inUse: used });
      }
      await sql`DELETE FROM dictionary_values WHERE id = ${id}`.execute(trx);
    });
  }

  /**
   * Moves every use of `id` to `intoId` (records, Trash, module tables), moves its child values
   * under `intoId`, and deletes it: one transaction. Both must be values of this dictionary on
   * the same level (two categories, or two subcategories of one category).
   */
  async merge(key: string, id: number, body: unknown, actor: Actor, locale: Locale): Promise<{ moved: number; into: DictionaryValue }> {
    const parsed = z.strictObject({ intoId: ID }).safeParse(body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const { intoId } = parsed.data;
    if (intoId === id) throw invalid([{ field: 'intoId', message: 'is the value being merged' }]);
    return this.tx(async (trx) => {
      await this.dictionary(key, trx);
      const from = await this.row(key, id, trx);
      const into = await sql<{ parent_id: number | null }>`SELECT parent_id FROM dictionary_values WHERE id = ${intoId} AND dictionary_key = ${key}`.execute(trx);
      if (!into.rows[0]) throw invalid([{ field: 'intoId', message: `is not a value of the ${key} dictionary` }]);
      const level = (p: number | null) => (p === null ? null : Number(p));
      if (level(into.rows[0].parent_id) !== level(from.parent_id)) {
        throw invalid([{ field: 'intoId', message: 'is on another level: merge into a value with the same parent' }]);
      }
      // Children move under the surviving value: two children reading the same would be indistinguishable there.
      const names = async (parent: number) => (await sql<{ label: string }>`SELECT label FROM dictionary_values WHERE parent_id = ${parent}`.execute(trx)).rows.map((r) => r.label.trim().toLowerCase());
      const theirs = new Set(await names(intoId));
      const clash = (await names(id)).find((n) => theirs.has(n));
      if (clash !== undefined) throw invalid([{ field: 'intoId', message: `has a child value "${clash.slice(0, 100)}" like this value's: merge or rename those children first` }]);
      const now = new Date().toISOString();
      let moved = 0;
      for (const u of usagesOf(key)) {
        const set = u.entity ? sql`, version = version + 1, updated_at = ${now}, updated_by = ${actor.userId}` : sql``;
        const r = await sql`UPDATE ${sql.table(u.table)} SET ${sql.ref(u.column)} = ${intoId}${set} WHERE ${sql.ref(u.column)} = ${id}`.execute(trx);
        if (u.entity) moved += Number(r.numAffectedRows ?? 0);
      }
      await sql`UPDATE dictionary_values SET parent_id = ${intoId}, updated_at = ${now} WHERE parent_id = ${id}`.execute(trx);
      await sql`DELETE FROM dictionary_values WHERE id = ${id}`.execute(trx);
      await this.changed(trx, key, [intoId], actor);
      return { moved, into: await this.value(key, intoId, locale, trx) };
    });
  }

  /** Puts sibling values in the given order (every sibling, each once): the drag in the editor. */
  async reorder(key: string, body: unknown, locale: Locale): Promise<DictionaryValue[]> {
    const parsed = z.strictObject({ ids: z.array(ID).min(1).max(5000), parentId: ID.nullable().optional() }).safeParse(body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const { ids, parentId = null } = parsed.data;
    await this.tx(async (trx) => {
      await this.dictionary(key, trx);
      const siblings = parentId === null ? sql`parent_id IS NULL` : sql`parent_id = ${parentId}`;
      const { rows } = await sql<{ id: number }>`SELECT id FROM dictionary_values WHERE dictionary_key = ${key} AND ${siblings}`.execute(trx);
      const have = new Set(rows.map((r) => Number(r.id)));
      if (new Set(ids).size !== ids.length || ids.length !== have.size || ids.some((x) => !have.has(x))) {
        throw badRequest('ids must list every value on this level once', [{ field: 'ids', message: `must list each of the ${have.size} values on this level once` }]);
      }
      const now = new Date().toISOString();
      for (const [i, vid] of ids.entries()) {
        await sql`UPDATE dictionary_values SET position = ${i * 10}, version = version + 1, updated_at = ${now} WHERE id = ${vid} AND position <> ${i * 10}`.execute(trx);
      }
    });
    return this.values(key, locale);
  }
}
