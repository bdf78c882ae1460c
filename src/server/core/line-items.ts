import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldDef, LinesDef } from '../../shared/entity/field.js';
import { lineAmountExact, type Line, type LineInput } from '../../shared/entity/line-items.js';
import type { FieldIssue } from '../../shared/entity/schema.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { DbSchema } from '../db/database.js';
import { invalid } from './errors.js';

/**
 * A record's line items (a `lines` field): checked, completed from their products and priced
 * here, then written with the record in its transaction, replacing the old lines as a whole.
 * The client's amounts and totals are never used: the server computes every one.
 */
export type PreparedLine = Omit<Line, 'id' | 'position' | '_labels'>;

export function linesOf(f: FieldDef): LinesDef {
  if (f.kind !== 'lines' || !f.lines) throw new Error(`not a lines field: ${f.label}`);
  return f.lines;
}

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/** The entity lines refer to (products), with the columns a line takes from it. */
function itemOf(def: LinesDef): { table: string; price: string; describe: string[] } {
  const item = entityByName(def.item);
  if (!item?.lineItem) throw new Error(`${def.item} cannot be put on lines (no lineItem)`);
  return { table: item.table, price: item.columnOf(item.lineItem.price), describe: item.lineItem.describe.map((f) => item.columnOf(f)) };
}

/**
 * Fills each line's defaults from its product (description: the product's name and model;
 * unit price: its list price), refuses products that do not exist (or are in Trash, unless
 * the record already had a line with them), and computes amounts and their exact total.
 * Issues name the line: `lines.2.productId`.
 */
export async function prepareLines(trx: Kysely<DbSchema>, def: LinesDef, field: string, lines: readonly LineInput[], keptProductIds: ReadonlySet<number>): Promise<{ lines: PreparedLine[]; total: number }> {
  const item = itemOf(def);
  const ids = Array.from(new Set(lines.flatMap((l) => (typeof l.productId === 'number' ? [l.productId] : []))));
  const products = new Map<number, { description: string; listPrice: number | null; live: boolean }>();
  const describe = sql.join(item.describe.map((c, i) => sql`${sql.ref(c)} AS ${sql.ref(`d${i}`)}`));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await sql<Record<string, unknown>>`SELECT id, ${sql.ref(item.price)} AS price, deleted_at, ${describe}
      FROM ${sql.table(item.table)} WHERE id IN (${sql.join(chunk)})`.execute(trx);
    for (const r of rows) {
      const description = item.describe.map((_, j) => r[`d${j}`]).filter((x) => typeof x === 'string' && x !== '').join(' · ');
      products.set(Number(r.id), { description, listPrice: r.price === null ? null : Number(r.price), live: !r.deleted_at });
    }
  }
  const issues: FieldIssue[] = [];
  const out: PreparedLine[] = [];
  let total = 0n;
  lines.forEach((l, i) => {
    const at = (name: string) => `${field}.${i}.${name}`;
    const productId = typeof l.productId === 'number' ? l.productId : null;
    const product = productId === null ? undefined : products.get(productId);
    if (productId !== null && (!product || (!product.live && !keptProductIds.has(productId)))) {
      issues.push({ field: at('productId'), message: product ? 'is a product in Trash' : 'refers to a product that does not exist' });
      return;
    }
    const unitPrice = l.unitPrice ?? product?.listPrice ?? null;
    if (unitPrice === null) {
      issues.push({ field: at('unitPrice'), message: product ? 'is required: the product has no list price' : 'is required' });
      return;
    }
    const discountPercent = l.discountPercent ?? 0;
    const exact = lineAmountExact(l.quantity, unitPrice, discountPercent);
    if (exact > LIMIT) {
      issues.push({ field: at('amount'), message: 'is too large' });
      return;
    }
    total += exact;
    const description = l.description?.trim() || product?.description || null;
    out.push({ productId, description, quantity: l.quantity, unitPrice, discountPercent, amount: Number(exact) });
  });
  if (total > LIMIT) issues.push({ field, message: 'add up to a total that is too large' });
  if (issues.length) throw invalid(issues);
  return { lines: out, total: Number(total) };
}

/** Product ids on a record's current lines (a product moved to Trash may stay on them). */
export async function currentProductIds(trx: Kysely<DbSchema>, def: LinesDef, parentId: number): Promise<Set<number>> {
  const { rows } = await sql<{ p: number }>`SELECT DISTINCT product_id AS p FROM ${sql.table(def.table)} WHERE ${sql.ref(def.parentKey)} = ${parentId} AND product_id IS NOT NULL`.execute(trx);
  return new Set(rows.map((r) => Number(r.p)));
}

/** Whether the record has any lines now. */
export async function hasLines(trx: Kysely<DbSchema>, def: LinesDef, parentId: number): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${sql.table(def.table)} WHERE ${sql.ref(def.parentKey)} = ${parentId} LIMIT 1`.execute(trx);
  return rows.length > 0;
}

/** Replaces the record's lines with these, in order (inside the record's transaction). */
export async function writeLines(trx: Kysely<DbSchema>, def: LinesDef, parentId: number, lines: readonly PreparedLine[]): Promise<void> {
  await sql`DELETE FROM ${sql.table(def.table)} WHERE ${sql.ref(def.parentKey)} = ${parentId}`.execute(trx);
  // 9 values a line: 100 lines a statement stays under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < lines.length; i += 100) {
    const values = lines.slice(i, i + 100).map((l, j) => sql`(${parentId}, ${i + j}, ${l.productId}, ${l.description}, ${l.quantity}, ${l.unitPrice}, ${l.discountPercent}, ${l.amount})`);
    await sql`INSERT INTO ${sql.table(def.table)} (${sql.ref(def.parentKey)}, position, product_id, description, quantity, unit_price, discount_percent, amount)
      VALUES ${sql.join(values)}`.execute(trx);
  }
}

/** The lines of each record, in order, with their products' titles; one query per 500 records. */
export async function loadLines(executor: Kysely<DbSchema>, def: LinesDef, ids: readonly number[]): Promise<Map<number, Line[]>> {
  const out = new Map<number, Line[]>(ids.map((id) => [id, []]));
  const item = entityByName(def.item);
  if (!item) throw new Error(`lines refer to an unknown entity ${def.item}`);
  const title = sql.ref(`p.${item.columnOf(item.titleField)}`);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await sql<{ id: number; parent: number; position: number; product_id: number | null; description: string | null; quantity: number; unit_price: number; discount_percent: number; amount: number; product: string | null }>`
      SELECT l.id, l.${sql.ref(def.parentKey)} AS parent, l.position, l.product_id, l.description, l.quantity, l.unit_price, l.discount_percent, l.amount, ${title} AS product
      FROM ${sql.table(def.table)} AS l LEFT JOIN ${sql.table(item.table)} AS p ON p.id = l.product_id
      WHERE l.${sql.ref(def.parentKey)} IN (${sql.join(chunk)}) ORDER BY l.${sql.ref(def.parentKey)}, l.position`.execute(executor);
    for (const r of rows) {
      out.get(Number(r.parent))?.push({
        id: Number(r.id), position: Number(r.position), productId: r.product_id === null ? null : Number(r.product_id), description: r.description,
        quantity: Number(r.quantity), unitPrice: Number(r.unit_price), discountPercent: Number(r.discount_percent), amount: Number(r.amount),
        _labels: { productId: r.product },
      });
    }
  }
  return out;
}

/** The `lines` fields of an entity. */
export function linesFields(entity: EntityDef): [string, FieldDef][] {
  return Object.entries(entity.fields).filter(([, f]) => f.kind === 'lines');
}
