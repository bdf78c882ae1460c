import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldDef, HistoryDef } from '../../shared/entity/field.js';
import type { Database, DbSchema } from '../db/database.js';
import { enumLabel } from './i18n.js';
import { labelsFor, userLabels } from './labels.js';
import type { Locale } from './list-params.js';
import type { Row } from './record-mapper.js';

/** The fields of an entity whose every change is kept (field.ts `history`). */
export function historyFields(entity: EntityDef): [string, FieldDef, HistoryDef][] {
  return Object.entries(entity.fields).flatMap(([name, f]) => (f.history ? [[name, f, f.history] as [string, FieldDef, HistoryDef]] : []));
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * One history row per changed tracked field, in the write's transaction (a new record's first
 * value counts as a change from nothing). `record` is the record as stored after the write.
 */
export async function writeHistory(trx: Kysely<DbSchema>, entity: EntityDef, record: Row, existing: Row | null, userId: number): Promise<void> {
  for (const [name, , h] of historyFields(entity)) {
    const to = record[name] ?? null;
    const from = existing?.[name] ?? null;
    if (to === null || same(from, to)) continue;
    const cols: Row = { [h.recordKey]: record.id, [h.fromColumn]: from, [h.toColumn]: to, changed_at: record.updatedAt, changed_by: userId };
    for (const [field, column] of Object.entries(h.snapshot ?? {})) cols[column] = record[field] ?? null;
    const names = Object.keys(cols);
    await sql`INSERT INTO ${sql.table(h.table)} (${sql.join(names.map((n) => sql.ref(n)))}) VALUES (${sql.join(names.map((n) => cols[n]))})`.execute(trx);
  }
}

export interface HistoryItem {
  id: number;
  from: unknown;
  to: unknown;
  changedAt: string;
  changedBy: number | null;
  [snapshot: string]: unknown;
  _labels: { from: string | null; to: string | null; changedBy: string | null };
}

/** A record's changes of one field, oldest first, labelled in the locale. */
export async function readHistory(db: Database, entity: EntityDef, field: string, id: number, locale: Locale): Promise<HistoryItem[]> {
  const f = entity.fields[field];
  const h = f?.history;
  if (!h) return [];
  const snapshot = Object.entries(h.snapshot ?? {});
  const cols = [sql`id`, sql`${sql.ref(h.fromColumn)} AS "from"`, sql`${sql.ref(h.toColumn)} AS "to"`, sql`changed_at`, sql`changed_by`,
    ...snapshot.map(([name, column]) => sql`${sql.ref(column)} AS ${sql.ref(name)}`)];
  const { rows } = await sql<Row>`SELECT ${sql.join(cols)} FROM ${sql.table(h.table)} WHERE ${sql.ref(h.recordKey)} = ${id} ORDER BY id`.execute(db.kysely);
  const values = rows.flatMap((r) => [r.from, r.to]).filter((v) => v !== null && v !== undefined);
  const labels = f.kind === 'enum' ? null : await labelsFor(db, f, values.map(Number), locale);
  const label = (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    return f.kind === 'enum' ? enumLabel(locale, entity.name, field, String(v)) : labels?.get(Number(v)) ?? String(v);
  };
  const users = await userLabels(db.kysely, rows.flatMap((r) => (r.changed_by === null ? [] : [Number(r.changed_by)])), locale);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const keep = (v: unknown) => (f.kind === 'enum' ? (v ?? null) : num(v));
  return rows.map((r) => ({
    id: Number(r.id),
    from: keep(r.from),
    to: keep(r.to),
    changedAt: new Date(String(r.changed_at)).toISOString(),
    changedBy: num(r.changed_by),
    ...Object.fromEntries(snapshot.map(([name]) => [name, r[name] === undefined ? null : typeof r[name] === 'bigint' ? Number(r[name]) : r[name]])),
    _labels: { from: label(r.from), to: label(r.to), changedBy: r.changed_by === null ? null : users.get(Number(r.changed_by)) ?? null },
  }));
}

/** `GET /<entities>/:id/<route>` for each tracked field (`/opportunities/:id/stage-history`). */
export function registerHistoryRoutes(app: FastifyInstance, db: Database, entity: EntityDef, get: (req: FastifyRequest, id: string) => Promise<{ id: number; locale: Locale }>): void {
  for (const [name, , h] of historyFields(entity)) {
    app.get<{ Params: { id: string } }>(`/api/v1/${entity.path}/:id/${h.route}`, async (req) => {
      const { id, locale } = await get(req, req.params.id);
      return { items: await readHistory(db, entity, name, id, locale) };
    });
  }
}
