import { type RawBuilder, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ENTITIES, entityByName } from '../../../shared/entities/registry.js';
import type { WriteContext } from '../hooks.js';
import { systemUpdateWhere } from '../system-update.js';

/** What a merge moved, in the form undo reads back: every row that now points at the survivor instead of a merged record. */
export interface MovedLinks {
  /** Records whose `reference` field pointed at a merged record: [record id, merged id]. */
  references: { entity: string; field: string; rows: [number, number][] }[];
  /** Link-table rows of `references` fields; `dropped` ones duplicated a survivor's link and were deleted. */
  links: { entity: string; field: string; table: string; key: string; partner: string; moved: [number, number][]; dropped: [number, number, unknown, unknown][] }[];
  /** Line items whose item (a product) was merged: [line id, merged id]. */
  lines: { entity: string; field: string; table: string; rows: [number, number][] }[];
  attachments: [number, number][];
  /** History rows of a tracked `reference` field that named a merged record: [row id, merged id] per column. */
  history?: { entity: string; field: string; table: string; column: string; rows: [number, number][] }[];
}

export interface MovedCount { entity: string; field: string; count: number }

const inList = (ids: readonly number[]) => sql.join(ids.map((i) => sql`${i}`));

/** Runs over ids a chunk at a time, so an IN list stays within every database's limits. */
async function chunks(ids: readonly number[], run: (chunk: number[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await run(ids.slice(i, i + 500));
}

/**
 * Moves everything that hangs off the merged records to the survivor, found from the registry:
 * `reference` fields of every entity that point at this one, both sides of `references` link
 * tables (a link the survivor already has is dropped, never doubled), `lines` whose item is this
 * entity, and attachments. Records move through systemUpdateWhere (version bump and audit).
 */
export async function moveLinks(ctx: WriteContext, entity: EntityDef, survivorId: number, mergedIds: readonly number[]): Promise<MovedLinks> {
  const out: MovedLinks = { references: [], links: [], lines: [], attachments: [] };
  const reason = `${entity.name} ${mergedIds.map((i) => `#${i}`).join(', ')} merged into #${survivorId}`;
  for (const other of ENTITIES) {
    for (const [field, f] of Object.entries(other.fields)) {
      if (f.kind === 'reference' && f.reference === entity.name) {
        const col = sql.ref(other.columnOf(field));
        const { rows } = await sql<{ id: number; ref: number }>`SELECT id, ${col} AS ref FROM ${sql.table(other.table)} WHERE ${col} IN (${inList(mergedIds)}) ORDER BY id`.execute(ctx.trx);
        if (rows.length) {
          await chunks(rows.map((r) => Number(r.id)), (c) => systemUpdateWhere(ctx, other, sql`id IN (${inList(c)})`, { [field]: survivorId }, reason));
          out.references.push({ entity: other.name, field, rows: rows.map((r) => [Number(r.id), Number(r.ref)]) });
        }
        // The field's history names records too: it follows, so it never names a record in Trash.
        const history = f.history;
        for (const column of history ? [history.fromColumn, history.toColumn] : []) {
          const [table, c] = [sql.table(history?.table ?? ''), sql.ref(column)];
          const { rows } = await sql<{ id: number; ref: number }>`SELECT id, ${c} AS ref FROM ${table} WHERE ${c} IN (${inList(mergedIds)}) ORDER BY id`.execute(ctx.trx);
          if (rows.length === 0) continue;
          await chunks(rows.map((r) => Number(r.id)), (ids) => sql`UPDATE ${table} SET ${c} = ${survivorId} WHERE id IN (${inList(ids)})`.execute(ctx.trx));
          (out.history ??= []).push({ entity: other.name, field, table: history?.table ?? '', column, rows: rows.map((r) => [Number(r.id), Number(r.ref)]) });
        }
      } else if (f.kind === 'references' && f.through) {
        const sides: [string, string][] = [];
        if (other === entity) sides.push([f.through.selfKey, f.through.otherKey]);
        if (f.reference === entity.name) sides.push([f.through.otherKey, f.through.selfKey]);
        for (const [key, partner] of sides) out.links.push(await moveLinkRows(ctx, other.name, field, f.through.table, key, partner, survivorId, mergedIds));
      } else if (f.kind === 'lines' && f.lines && f.lines.item === entity.name) {
        const table = sql.table(f.lines.table);
        const { rows } = await sql<{ id: number; ref: number }>`SELECT id, product_id AS ref FROM ${table} WHERE product_id IN (${inList(mergedIds)}) ORDER BY id`.execute(ctx.trx);
        if (rows.length === 0) continue;
        await chunks(rows.map((r) => Number(r.id)), (c) => sql`UPDATE ${table} SET product_id = ${survivorId} WHERE id IN (${inList(c)})`.execute(ctx.trx));
        out.lines.push({ entity: other.name, field, table: f.lines.table, rows: rows.map((r) => [Number(r.id), Number(r.ref)]) });
      }
    }
  }
  if (entity.attachments) {
    const { rows } = await sql<{ id: number; ref: number }>`SELECT id, record_id AS ref FROM attachments WHERE entity = ${entity.name} AND record_id IN (${inList(mergedIds)}) ORDER BY id`.execute(ctx.trx);
    if (rows.length) await sql`UPDATE attachments SET record_id = ${survivorId} WHERE entity = ${entity.name} AND record_id IN (${inList(mergedIds)})`.execute(ctx.trx);
    out.attachments = rows.map((r) => [Number(r.id), Number(r.ref)]);
  }
  out.links = out.links.filter((l) => l.moved.length || l.dropped.length);
  return out;
}

async function moveLinkRows(ctx: WriteContext, entity: string, field: string, tableName: string, key: string, partner: string, survivorId: number, mergedIds: readonly number[]): Promise<MovedLinks['links'][number]> {
  const table = sql.table(tableName);
  const k = sql.ref(key);
  const p = sql.ref(partner);
  const { rows: mine } = await sql<{ p: number }>`SELECT ${p} AS p FROM ${table} WHERE ${k} = ${survivorId}`.execute(ctx.trx);
  const have = new Set(mine.map((r) => Number(r.p)));
  const { rows } = await sql<{ k: number; p: number; created_at: unknown; created_by: unknown }>`SELECT ${k} AS k, ${p} AS p, created_at, created_by FROM ${table}
    WHERE ${k} IN (${inList(mergedIds)}) ORDER BY ${k}, ${p}`.execute(ctx.trx);
  const moved: [number, number][] = [];
  const dropped: [number, number, unknown, unknown][] = [];
  for (const r of rows) {
    const [from, to] = [Number(r.k), Number(r.p)];
    if (have.has(to)) {
      await sql`DELETE FROM ${table} WHERE ${k} = ${from} AND ${p} = ${to}`.execute(ctx.trx);
      dropped.push([from, to, r.created_at, r.created_by]);
    } else {
      await sql`UPDATE ${table} SET ${k} = ${survivorId} WHERE ${k} = ${from} AND ${p} = ${to}`.execute(ctx.trx);
      have.add(to);
      moved.push([from, to]);
    }
  }
  return { entity, field, table: tableName, key, partner, moved, dropped };
}

/** The API's summary of a merge's moves: how many of each. */
export function movedCounts(entity: EntityDef, m: MovedLinks): MovedCount[] {
  return [
    ...m.references.map((r) => ({ entity: r.entity, field: r.field, count: r.rows.length })),
    ...m.links.map((l) => ({ entity: l.entity, field: l.field, count: l.moved.length + l.dropped.length })),
    ...m.lines.map((l) => ({ entity: l.entity, field: l.field, count: l.rows.length })),
    ...(m.history ?? []).map((h) => ({ entity: h.entity, field: `${h.field} history`, count: h.rows.length })),
    ...(m.attachments.length ? [{ entity: entity.name, field: 'attachments', count: m.attachments.length }] : []),
  ];
}

/**
 * Undo's half of moveLinks: each moved row goes back to the record it came from, only where it
 * still points at the survivor (a row moved elsewhere since is left where it is now).
 */
export async function moveLinksBack(ctx: WriteContext, entity: EntityDef, survivorId: number, m: MovedLinks): Promise<void> {
  const reason = `undo of the merge of ${entity.name} into #${survivorId}`;
  for (const r of m.references) {
    const other = entityByName(r.entity);
    if (!other) continue;
    const col = sql.ref(other.columnOf(r.field));
    for (const [from, ids] of byOrigin(r.rows)) {
      await chunks(ids, (c) => systemUpdateWhere(ctx, other, sql`id IN (${inList(c)}) AND ${col} = ${survivorId}` as RawBuilder<unknown>, { [r.field]: from }, reason));
    }
  }
  for (const l of m.links) {
    const [table, k, p] = [sql.table(l.table), sql.ref(l.key), sql.ref(l.partner)];
    for (const [from, to] of l.moved) {
      await sql`UPDATE ${table} SET ${k} = ${from} WHERE ${k} = ${survivorId} AND ${p} = ${to}
        AND NOT EXISTS (SELECT 1 FROM ${table} AS x WHERE x.${k} = ${from} AND x.${p} = ${to})`.execute(ctx.trx);
    }
    for (const [from, to, at, by] of l.dropped) {
      await sql`INSERT INTO ${table} (${k}, ${p}, created_at, created_by) VALUES (${from}, ${to}, ${at}, ${by}) ON CONFLICT DO NOTHING`.execute(ctx.trx);
    }
  }
  for (const l of m.lines) {
    const table = sql.table(l.table);
    for (const [from, ids] of byOrigin(l.rows)) {
      await chunks(ids, (c) => sql`UPDATE ${table} SET product_id = ${from} WHERE id IN (${inList(c)}) AND product_id = ${survivorId}`.execute(ctx.trx));
    }
  }
  for (const h of m.history ?? []) {
    const [table, c] = [sql.table(h.table), sql.ref(h.column)];
    for (const [from, ids] of byOrigin(h.rows)) {
      await chunks(ids, (x) => sql`UPDATE ${table} SET ${c} = ${from} WHERE id IN (${inList(x)}) AND ${c} = ${survivorId}`.execute(ctx.trx));
    }
  }
  for (const [from, ids] of byOrigin(m.attachments)) {
    await chunks(ids, (c) => sql`UPDATE attachments SET record_id = ${from} WHERE entity = ${entity.name} AND id IN (${inList(c)}) AND record_id = ${survivorId}`.execute(ctx.trx));
  }
}

/** [row, origin] pairs grouped by origin. */
function byOrigin(rows: readonly [number, number][]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [id, from] of rows) out.set(from, [...(out.get(from) ?? []), id]);
  return out;
}
