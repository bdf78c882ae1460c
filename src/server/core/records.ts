import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import { blankToNull, createSchema, fieldIssues, updateSchema, type FieldIssue } from '../../shared/entity/schema.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { Database, DbSchema } from '../db/database.js';
import { toApiRecords } from './decorate.js';
import { invalid, notFound, ProblemError } from './errors.js';
import { batchable, hooksFor, type WriteContext } from './hooks.js';
import type { Locale } from './list-params.js';
import { fromRow, searchColumns, toColumns, type ApiRecord, type Row } from './record-mapper.js';
import { applyFieldRules } from './field-rules.js';
import { linkOf, notLive, replaceLinks } from './references.js';
import { currentProductIds, hasLines, linesFields, linesOf, prepareLines, writeLines, type PreparedLine } from './line-items.js';
import type { LineInput } from '../../shared/entity/line-items.js';
import { notNullViolationField, uniqueViolationField } from './unique-violation.js';
import { installationToday } from './installation.js';
import { insertValues } from '../db/bulk-load.js';
import { inSavepoint } from '../db/savepoint.js';
import { historyFields, writeHistory } from './field-history.js';
import { diffRecord, writeAudit, writeAuditMany } from './audit.js';
import type { Actor } from '../auth/actor.js';
import { fieldRule, ownerInScope, redact, scopeOf } from '../auth/access.js';
import type { Action } from '../../shared/access.js';

export type { Actor } from '../auth/actor.js';

/** Where a write runs: its own transaction, or one the caller already holds (an import batch). */
export interface WriteOptions {
  trx?: Kysely<DbSchema>;
  locale?: Locale;
  /** Items (products) new lines may name even from Trash: lines copied from another record (a conversion). */
  keptItemIds?: ReadonlySet<number>;
}

const nowIso = () => new Date().toISOString();

/** Create, read, update, delete and restore for any entity; modules hook in, never branch here. */
export class RecordService {
  constructor(readonly db: Database, readonly entity: EntityDef) {}

  private get table() { return sql.table(this.entity.table); }

  private inTransaction<T>(opts: WriteOptions, run: (trx: Kysely<DbSchema>) => Promise<T>): Promise<T> {
    return opts.trx ? run(opts.trx) : this.db.kysely.transaction().execute(run);
  }

  private async row(id: number, executor: Kysely<DbSchema>, includeDeleted = false): Promise<Row> {
    const { rows } = await sql<Row>`SELECT * FROM ${this.table} WHERE id = ${id}`.execute(executor);
    const row = rows[0];
    if (!row || (row.deleted_at && !includeDeleted)) throw notFound(`No ${this.entity.name} with id ${id}`);
    return row;
  }

  /** The record as the API returns it (see decorate.ts), with its lines. */
  async get(id: number, opts: { includeDeleted?: boolean; locale?: Locale; /** Whose rules apply; null only for the server's own reads inside a write. */ actor: Actor | null }, executor: Kysely<DbSchema> = this.db.kysely): Promise<ApiRecord> {
    const row = await this.row(id, executor, opts.includeDeleted);
    if (opts.actor) this.allowed(opts.actor, 'read', row);
    const record = (await toApiRecords(executor, this.entity, [row], opts.locale ?? 'en', { lines: true }))[0];
    return opts.actor ? redact(opts.actor.access, this.entity, record) : record;
  }

  /** Refuses (404 unreadable, 403 not allowed) before a module changes what hangs off a record (a group's members). */
  async authorize(id: number, actor: Actor, action: Action, executor: Kysely<DbSchema> = this.db.kysely): Promise<void> {
    this.allowed(actor, action, await this.row(id, executor));
  }

  /**
   * The actor may do `action` to this stored row: a record they may not read is a 404 (never a hint
   * that it exists); one they may read but not change is a 403. Checked before anything is written.
   */
  private allowed(actor: Actor, action: Action, row: Row): void {
    const access = actor.access;
    if (!ownerInScope(access, scopeOf(access, this.entity, 'read'), row.owner_id)) throw notFound(`No ${this.entity.name} with id ${String(row.id)}`);
    if (action !== 'read' && !ownerInScope(access, scopeOf(access, this.entity, action), row.owner_id)) throw forbidden(this.entity, action);
  }

  /** A client's write names only fields it may change; a read-only field sent with its stored value is dropped, not refused. */
  private checkFieldRules(actor: Actor, values: Record<string, unknown>, existing: Record<string, unknown> | null): void {
    const issues: FieldIssue[] = [];
    for (const name of Object.keys(values)) {
      if (fieldRule(actor.access, this.entity, name) === 'read-write') continue;
      const v = values[name];
      const unchanged = existing ? JSON.stringify(existing[name] ?? null) === JSON.stringify(v ?? null) : v === null || v === undefined || v === '';
      if (unchanged) delete values[name];
      else issues.push({ field: name, message: 'is read-only' });
    }
    if (issues.length) throw invalid(issues);
  }

  /** Create needs the right, and a record owned within its scope (a representative creates their own). */
  private allowedCreate(actor: Actor, values: Record<string, unknown>): void {
    const scope = scopeOf(actor.access, this.entity, 'create');
    if (scope === 'none') throw forbidden(this.entity, 'create');
    if (!ownerInScope(actor.access, scope, values.ownerId)) {
      throw new ProblemError(403, 'Forbidden', `You may only create ${this.entity.name} records owned by ${scope === 'own' ? 'you' : 'your team'}; nothing was saved.`, [{ field: 'ownerId', message: 'is outside what you may create' }]);
    }
  }

  /** A new record's values checked before any write: rights first (a role without them learns nothing from validation), then the schema and defaults. */
  private newValues(body: unknown, actor: Actor): Record<string, unknown> {
    if (scopeOf(actor.access, this.entity, 'create') === 'none') throw forbidden(this.entity, 'create');
    const parsed = createSchema(this.entity).safeParse(body);
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const values = blankToNull(parsed.data);
    this.checkFieldRules(actor, values, null);
    for (const [name, f] of Object.entries(this.entity.fields)) {
      if ((values[name] === undefined || values[name] === null) && f.default !== undefined) values[name] = f.default;
    }
    nullBooleansToFalse(this.entity, values);
    if (values.ownerId === undefined || values.ownerId === null) values.ownerId = actor.userId;
    this.allowedCreate(actor, values);
    return values;
  }

  /** The row a new record is inserted as. */
  private newRow(values: Record<string, unknown>, actor: Actor, now: string): Row {
    return {
      ...toColumns(this.entity, values, this.db.dialect),
      ...searchColumns(this.entity, values),
      created_at: now, updated_at: now, created_by: actor.userId, updated_by: actor.userId, version: 1,
    };
  }

  /** Two PostgreSQL transactions could read the same highest code; this lock makes them take turns (SQLite writes one at a time). */
  private async lockCodes(trx: Kysely<DbSchema>): Promise<void> {
    if (this.db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`autocode:${this.entity.table}`}))`.execute(trx);
  }

  async create(body: unknown, actor: Actor, opts: WriteOptions = {}): Promise<ApiRecord> {
    const values = this.newValues(body, actor);
    return this.inTransaction(opts, async (trx) => {
      const ctx: WriteContext = { trx, dialect: this.db.dialect, userId: actor.userId, actor };
      await this.fillToday(trx, values);
      const auto = this.entity.autoCode;
      if (auto && (values[auto.field] === null || values[auto.field] === undefined)) {
        await this.lockCodes(trx);
        values[auto.field] = await nextCode(this.entity, trx);
      }
      await this.fillFirstValues(trx, values);
      await this.checkReferences(trx, values);
      await applyFieldRules(trx, this.entity, { ...values }, values, true);
      await this.checkUnique(trx, values, null);
      const lines = await this.prepareLines(trx, values, null, opts.keptItemIds);
      for (const h of hooksFor(this.entity)) await h.beforeWrite?.(ctx, values, null);
      const cols = this.newRow(values, actor, nowIso());
      const names = Object.keys(cols);
      const { rows } = await this.guardUnique(trx, () => sql<{ id: number }>`INSERT INTO ${this.table} (${sql.join(names.map((n) => sql.ref(n)))})
        VALUES (${sql.join(names.map((n) => cols[n]))}) RETURNING id`.execute(trx));
      const id = Number(rows[0].id);
      await this.writeLinks(trx, id, values, actor);
      for (const [def, prepared] of lines) await writeLines(trx, def, id, prepared);
      const record = await this.get(id, { locale: opts.locale, actor: null }, trx);
      await writeHistory(trx, this.entity, record, null, actor.userId);
      for (const h of hooksFor(this.entity)) await h.afterWrite?.(ctx, record, null);
      await writeAudit(trx, actor, { entity: this.entity.name, recordId: id, action: 'create', changes: diffRecord(this.entity, null, record) });
      return redact(actor.access, this.entity, record);
    });
  }

  /**
   * Many new records in the caller's transaction (an import's chunk): each body is checked as
   * `create` checks it and gets its record id or its field issues; a bad body never stops the others
   * nor leaves anything of itself. A plain entity (no hooks, lines, links or history to write) is
   * checked in batches (one query per field for the chunk) and inserted with multi-row INSERTs; any
   * other runs `create` per body inside a savepoint. `dryRun` checks everything and inserts nothing.
   * `taken` carries the unique values of earlier chunks of the same file.
   */
  async createMany(bodies: readonly unknown[], actor: Actor, opts: { trx: Kysely<DbSchema>; dryRun?: boolean; taken?: Map<string, Set<unknown>>; detail?: (i: number) => string; /** One audit row for the batch (a bulk load) instead of one per record. */ auditSummary?: string }): Promise<CreateOutcome[]> {
    const trx = opts.trx;
    if (!this.plainInsert(bodies)) return this.createEach(bodies, actor, opts);
    const out: CreateOutcome[] = bodies.map(() => ({ id: null, version: 1, issues: [] }));
    const prepared: { i: number; values: Record<string, unknown> }[] = [];
    for (let i = 0; i < bodies.length; i++) {
      try { prepared.push({ i, values: this.newValues(bodies[i], actor) }); } catch (e) { out[i].issues = issuesOf(e); }
    }
    const auto = this.entity.autoCode;
    if (auto && prepared.some((p) => p.values[auto.field] === null || p.values[auto.field] === undefined)) await this.lockCodes(trx);
    let code: string | null = null;
    const firstValues = new Map<string, unknown>();
    const today = Object.values(this.entity.fields).some((f) => f.defaultToday) ? await installationToday(trx) : null;
    for (const p of prepared) {
      for (const [name, f] of Object.entries(this.entity.fields)) {
        if (f.defaultNow && (p.values[name] === null || p.values[name] === undefined)) p.values[name] = nowIso();
        if (f.defaultToday && (p.values[name] === null || p.values[name] === undefined)) p.values[name] = today;
        if (f.defaultFirst && (p.values[name] === null || p.values[name] === undefined)) {
          if (!firstValues.has(name)) { const v: Record<string, unknown> = {}; await this.fillFirstValues(trx, v); firstValues.set(name, v[name] ?? null); }
          p.values[name] = firstValues.get(name);
        }
      }
      if (auto && (p.values[auto.field] === null || p.values[auto.field] === undefined)) {
        code = code === null ? await nextCode(this.entity, trx) : successor(code);
        p.values[auto.field] = code;
      }
    }
    const fail = (i: number, issues: FieldIssue[]) => { out[i].issues.push(...issues); };
    await this.checkReferencesMany(trx, prepared, fail);
    for (const p of prepared) {
      if (out[p.i].issues.length) continue;
      try { await applyFieldRules(trx, this.entity, { ...p.values }, p.values, true); } catch (e) { fail(p.i, issuesOf(e)); }
    }
    await this.checkUniqueMany(trx, prepared.filter((p) => out[p.i].issues.length === 0), fail, opts.taken);
    const good = prepared.filter((p) => out[p.i].issues.length === 0);
    if (opts.dryRun || good.length === 0) return out;
    const now = nowIso();
    // Rows that name the same columns go in together (a column left out keeps its database default, as in `create`).
    const shapes = new Map<string, { i: number; row: Row }[]>();
    for (const p of good) {
      const row = this.newRow(p.values, actor, now);
      const key = Object.keys(row).join(',');
      shapes.set(key, [...(shapes.get(key) ?? []), { i: p.i, row }]);
    }
    for (const [key, rows] of shapes) {
      const names = key.split(',');
      // SQLite binds at most 32,766 parameters a statement.
      const per = Math.max(1, Math.floor(30000 / names.length));
      for (let k = 0; k < rows.length; k += per) {
        const part = rows.slice(k, k + per);
        const ids = await this.insertRows(trx, names, part.map((r) => r.row));
        ids.forEach((id, j) => { out[part[j].i].id = id; });
      }
    }
    const audited = good.filter((p) => out[p.i].id !== null);
    const ctx: WriteContext = { trx, dialect: this.db.dialect, userId: actor.userId, actor };
    for (const h of hooksFor(this.entity)) await h.afterCreateMany?.(ctx, audited.map((p) => ({ id: Number(out[p.i].id), values: p.values })));
    if (opts.auditSummary !== undefined) {
      const ids = audited.map((p) => Number(out[p.i].id));
      await writeAudit(trx, actor, { entity: this.entity.name, recordId: null, action: 'create', detail: `${opts.auditSummary}: ${ids.length} created (ids ${idRanges(ids)})`.slice(0, 2000) });
    } else await writeAuditMany(trx, actor, audited.map((p) => ({ entity: this.entity.name, recordId: out[p.i].id, action: 'create' as const, changes: diffRecord(this.entity, null, p.values), detail: opts.detail?.(p.i) ?? null })));
    // A row the database refused when inserted alone (a constraint no check foresaw) carries the reason.
    for (const p of good) if (out[p.i].id === null && out[p.i].issues.length === 0) out[p.i].issues.push({ field: '(record)', message: 'could not be saved' });
    return out;
  }

  /** Whether the records can be inserted in batches: nothing else (hooks, lines, links, history) is written with them. */
  private plainInsert(bodies: readonly unknown[]): boolean {
    if (!batchable(this.entity) || historyFields(this.entity).length) return false;
    if (linesFields(this.entity).length) return false;
    const links = Object.entries(this.entity.fields).filter(([, f]) => f.kind === 'references').map(([n]) => n);
    return !bodies.some((b) => b && typeof b === 'object' && links.some((n) => (b as Record<string, unknown>)[n] !== undefined && (b as Record<string, unknown>)[n] !== null));
  }

  /** One `create` per body, each in a savepoint: a failed body rolls back alone. */
  private async createEach(bodies: readonly unknown[], actor: Actor, opts: { trx: Kysely<DbSchema>; dryRun?: boolean; taken?: Map<string, Set<unknown>> }): Promise<CreateOutcome[]> {
    const out: CreateOutcome[] = [];
    for (const body of bodies) {
      const uniqueIssue = this.takenIssue(body, opts.taken);
      if (uniqueIssue) { out.push({ id: null, version: 1, issues: [uniqueIssue] }); continue; }
      try {
        const record = await inSavepoint(opts.trx, () => this.create(body, actor, { trx: opts.trx }), { undo: opts.dryRun });
        out.push({ id: opts.dryRun ? null : record.id, version: record.version, issues: [] });
      } catch (e) {
        out.push({ id: null, version: 1, issues: issuesOf(e) });
      }
    }
    return out;
  }

  /** A unique value an earlier row of the same file already took (remembered in `taken`). */
  private takenIssue(body: unknown, taken: Map<string, Set<unknown>> | undefined): FieldIssue | null {
    if (!taken || !body || typeof body !== 'object') return null;
    for (const [name, f] of Object.entries(this.entity.fields)) {
      const v = (body as Record<string, unknown>)[name];
      if (!f.unique || v === null || v === undefined || v === '') continue;
      const seen = taken.get(name) ?? new Set<unknown>();
      taken.set(name, seen);
      if (seen.has(v)) return { field: name, message: 'is already used by an earlier row of the file' };
      seen.add(v);
    }
    return null;
  }

  /** The multi-row INSERT; if the database refuses it, each row alone, so only the offending rows fail. */
  private async insertRows(trx: Kysely<DbSchema>, names: string[], rows: Row[]): Promise<(number | null)[]> {
    const insert = async (part: Row[]) => ({ rows: await insertValues(trx, this.db.dialect, this.entity.table, names, part.map((r) => names.map((n) => r[n])), 'id') });
    try {
      return (await inSavepoint(trx, () => insert(rows))).rows.map((r) => Number(r.id));
    } catch {
      // Each row alone, so only the offending rows fail.
    }
    const out: (number | null)[] = [];
    for (const r of rows) {
      try { out.push(Number((await inSavepoint(trx, () => insert([r]))).rows[0].id)); } catch { out.push(null); }
    }
    return out;
  }

  /** `checkReferences` for a batch: one query per field for all the ids the batch names. */
  private async checkReferencesMany(trx: Kysely<DbSchema>, batch: { i: number; values: Record<string, unknown> }[], fail: (i: number, issues: FieldIssue[]) => void): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.allFields)) {
      if (f.kind !== 'dictionary' && f.kind !== 'reference') continue;
      const ids = Array.from(new Set(batch.map((p) => p.values[name]).filter((v) => v !== null && v !== undefined)));
      if (ids.length === 0) continue;
      const found = new Map<number, number | null>();
      for (let k = 0; k < ids.length; k += 500) {
        const part = ids.slice(k, k + 500);
        if (f.kind === 'dictionary') {
          const { rows } = await sql<{ id: number; parent_id: number | null }>`SELECT id, parent_id FROM dictionary_values WHERE dictionary_key = ${f.dictionary} AND id IN (${sql.join(part)})`.execute(trx);
          for (const r of rows) found.set(Number(r.id), r.parent_id === null ? null : Number(r.parent_id));
        } else {
          const target = f.reference === 'user' ? 'users' : entityByName(f.reference ?? '')?.table;
          if (!target) continue;
          const live = f.reference === 'user' ? sql`` : sql` AND deleted_at IS NULL`;
          const { rows } = await sql<{ id: number }>`SELECT id FROM ${sql.table(target)} WHERE id IN (${sql.join(part)})${live}`.execute(trx);
          for (const r of rows) found.set(Number(r.id), null);
        }
      }
      const isParent = Object.values(this.entity.fields).some((x) => x.parent === name);
      for (const p of batch) {
        const v = p.values[name];
        if (v === null || v === undefined) continue;
        if (!found.has(Number(v))) fail(p.i, [{ field: name, message: f.kind === 'dictionary' ? `is not a value of the ${f.dictionary} dictionary` : `refers to a ${f.reference} that does not exist` }]);
        else if (f.kind === 'dictionary' && isParent && found.get(Number(v)) !== null) fail(p.i, [{ field: name, message: `is a child value: choose a top-level value of the ${f.dictionary} dictionary` }]);
      }
    }
  }

  /** `checkUnique` for a batch: the stored values in one query per field, and the batch's (and the file's) own repeats. */
  private async checkUniqueMany(trx: Kysely<DbSchema>, batch: { i: number; values: Record<string, unknown> }[], fail: (i: number, issues: FieldIssue[]) => void, taken = new Map<string, Set<unknown>>()): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.fields)) {
      if (!f.unique) continue;
      const values = Array.from(new Set(batch.map((p) => p.values[name]).filter((v) => v !== null && v !== undefined)));
      const stored = new Set<unknown>();
      const col = sql.ref(this.entity.columnOf(name));
      for (let k = 0; k < values.length; k += 500) {
        const { rows } = await sql<{ v: unknown }>`SELECT ${col} AS v FROM ${this.table} WHERE ${col} IN (${sql.join(values.slice(k, k + 500))}) AND deleted_at IS NULL`.execute(trx);
        for (const r of rows) stored.add(r.v);
      }
      const seen = taken.get(name) ?? new Set<unknown>();
      taken.set(name, seen);
      for (const p of batch) {
        const v = p.values[name];
        if (v === null || v === undefined) continue;
        if (stored.has(v)) fail(p.i, [{ field: name, message: 'is already used by another record' }]);
        else if (seen.has(v)) fail(p.i, [{ field: name, message: 'is already used by an earlier row of the file' }]);
        else seen.add(v);
      }
    }
  }

  async update(id: number, body: unknown, actor: Actor, opts: WriteOptions = {}): Promise<ApiRecord> {
    const parsed = updateSchema(this.entity).safeParse(body);
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const { version, ...rest } = parsed.data as Record<string, unknown> & { version: number };
    const changes = blankToNull(rest);
    nullBooleansToFalse(this.entity, changes);
    if (Object.keys(changes).some((n) => fieldRule(actor.access, this.entity, n) !== 'read-write')) {
      const row = await this.row(id, opts.trx ?? this.db.kysely);
      this.checkFieldRules(actor, changes, fromRow(this.entity, row));
    }
    for (const [name, f] of Object.entries(this.entity.fields)) {
      // A field that gets a value on create (the first stage, an enum's default) keeps one.
      const neverEmpty = f.required || f.defaultFirst || f.defaultToday || f.defaultNow || (f.kind === 'enum' && f.default !== undefined);
      if (neverEmpty && name in changes && changes[name] === null) throw invalid([{ field: name, message: 'is required' }]);
    }
    return this.apply(id, changes, version, actor, opts);
  }

  /**
   * A change the server decides, not a client's edit (an expense approved, a status set by an action):
   * it may write read-only fields, and runs the same checks, hooks, history and version bump as every
   * write. `version`, when given, must be the stored one (409 otherwise); without it the stored
   * record is changed as it is now. The caller has checked the values themselves.
   */
  async systemUpdate(id: number, changes: Record<string, unknown>, actor: Actor, opts: WriteOptions & { version?: number } = {}): Promise<ApiRecord> {
    return this.apply(id, { ...changes }, opts.version ?? null, actor, opts);
  }

  private apply(id: number, changes: Record<string, unknown>, given: number | null, actor: Actor, opts: WriteOptions): Promise<ApiRecord> {
    return this.inTransaction(opts, async (trx) => {
      const row = await this.row(id, trx);
      this.allowed(actor, 'edit', row);
      if ('ownerId' in changes && changes.ownerId !== null && !ownerInScope(actor.access, scopeOf(actor.access, this.entity, 'edit'), changes.ownerId)) {
        throw new ProblemError(403, 'Forbidden', `You may not give this ${this.entity.name} to an owner outside what you may edit; nothing was saved.`, [{ field: 'ownerId', message: 'is outside what you may edit' }]);
      }
      const existing = fromRow(this.entity, row);
      const version = given ?? Number(existing.version);
      if (existing.version !== version) throw conflict(this.entity, await this.get(id, { locale: opts.locale, actor }, trx));
      this.keepTranslations(row, changes);
      const ctx: WriteContext = { trx, dialect: this.db.dialect, userId: actor.userId, actor };
      // References and lines are compared as they were: loaded only when the write touches them.
      const beforeImage = Object.entries(this.entity.fields).some(([n, f]) => (f.kind === 'references' || f.kind === 'lines') && n in changes)
        ? await this.get(id, { actor: null }, trx) : existing;
      await this.checkReferences(trx, changes);
      await applyFieldRules(trx, this.entity, { ...existing, ...changes }, changes, false);
      await this.checkUnique(trx, changes, id);
      const lines = await this.prepareLines(trx, changes, id);
      for (const h of hooksFor(this.entity)) await h.beforeWrite?.(ctx, changes, existing);
      // Search columns are rewritten only when they change, so the FTS triggers stay idle otherwise.
      const search = searchColumns(this.entity, { ...existing, ...changes });
      const before = searchColumns(this.entity, existing);
      const cols: Row = {
        ...toColumns(this.entity, changes, this.db.dialect),
        ...(search.search_text !== before.search_text || search.search_grams !== before.search_grams ? search : {}),
        updated_at: nowIso(), updated_by: actor.userId,
      };
      const sets = Object.entries(cols).map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
      const result = await this.guardUnique(trx, () => sql`UPDATE ${this.table} SET ${sql.join(sets)}, version = version + 1
        WHERE id = ${id} AND version = ${version} AND deleted_at IS NULL`.execute(trx));
      if (Number(result.numAffectedRows ?? 0) !== 1) throw conflict(this.entity, await this.get(id, { includeDeleted: true, locale: opts.locale, actor }, trx));
      await this.writeLinks(trx, id, changes, actor);
      for (const [def, prepared] of lines) await writeLines(trx, def, id, prepared);
      const record = await this.get(id, { locale: opts.locale, actor: null }, trx);
      await writeHistory(trx, this.entity, record, existing, actor.userId);
      for (const h of hooksFor(this.entity)) await h.afterWrite?.(ctx, record, existing);
      await writeAudit(trx, actor, { entity: this.entity.name, recordId: id, action: 'update', changes: diffRecord(this.entity, beforeImage, record) });
      return redact(actor.access, this.entity, record);
    });
  }

  /** Moves the record to Trash. */
  async remove(id: number, actor: Actor, opts: WriteOptions = {}): Promise<void> {
    await this.inTransaction(opts, async (trx) => {
      this.allowed(actor, 'delete', await this.row(id, trx));
      const result = await sql`UPDATE ${this.table} SET deleted_at = ${nowIso()}, updated_at = ${nowIso()}, updated_by = ${actor.userId}, version = version + 1
        WHERE id = ${id} AND deleted_at IS NULL`.execute(trx);
      if (Number(result.numAffectedRows ?? 0) !== 1) throw notFound(`No ${this.entity.name} with id ${id}`);
      await writeAudit(trx, actor, { entity: this.entity.name, recordId: id, action: 'delete' });
    });
  }

  async restore(id: number, actor: Actor, opts: WriteOptions = {}): Promise<ApiRecord> {
    return this.inTransaction(opts, async (trx) => {
      const row = await this.row(id, trx, true);
      if (!row.deleted_at) throw notFound(`No ${this.entity.name} with id ${id} in Trash`);
      this.allowed(actor, 'delete', row);
      const ctx: WriteContext = { trx, dialect: this.db.dialect, userId: actor.userId, actor };
      for (const h of hooksFor(this.entity)) await h.beforeRestore?.(ctx, fromRow(this.entity, row));
      const result = await this.guardUnique(trx, () => sql`UPDATE ${this.table} SET deleted_at = NULL, updated_at = ${nowIso()}, updated_by = ${actor.userId}, version = version + 1
        WHERE id = ${id} AND deleted_at IS NOT NULL`.execute(trx));
      if (Number(result.numAffectedRows ?? 0) !== 1) throw notFound(`No ${this.entity.name} with id ${id} in Trash`);
      const record = await this.get(id, { locale: opts.locale, actor: null }, trx);
      for (const h of hooksFor(this.entity)) await h.afterRestore?.(ctx, record);
      await writeAudit(trx, actor, { entity: this.entity.name, recordId: id, action: 'restore' });
      return redact(actor.access, this.entity, record);
    });
  }

  /**
   * A translatable field written with the value it already shows (its stored value or one of
   * its translations, e.g. a form sending back the Korean name it displayed) is not a rename:
   * it is dropped, so the translations stay.
   */
  private keepTranslations(row: Row, changes: Record<string, unknown>): void {
    for (const [name, f] of Object.entries(this.entity.fields)) {
      if (!f.translatable || !(name in changes)) continue;
      const col = this.entity.columnOf(name);
      let shown: unknown[] = [row[col]];
      try { shown = [...shown, ...Object.values(JSON.parse(String(row[`${col}_labels`] ?? '{}')) as Record<string, unknown>)]; } catch { /* no translations */ }
      if (shown.includes(changes[name])) delete changes[name];
    }
  }

  /**
   * `defaultToday` date fields left empty get today's date in the installation's time zone (a sale made
   * at 08:53 in Seoul is of that day); `defaultNow` date-times get the current instant.
   */
  private async fillToday(trx: Kysely<DbSchema>, values: Record<string, unknown>): Promise<void> {
    const empty = (name: string) => values[name] === undefined || values[name] === null;
    for (const [name, f] of Object.entries(this.entity.fields)) if (f.defaultNow && empty(name)) values[name] = nowIso();
    const dates = Object.entries(this.entity.fields).filter(([name, f]) => f.defaultToday && empty(name));
    if (dates.length === 0) return;
    const today = await installationToday(trx);
    for (const [name] of dates) values[name] = today;
  }

  /** `defaultFirst` dictionary fields left empty get the dictionary's first active top-level value. */
  private async fillFirstValues(trx: Kysely<DbSchema>, values: Record<string, unknown>): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.fields)) {
      if (!f.defaultFirst || (values[name] !== null && values[name] !== undefined)) continue;
      const active = this.db.dialect === 'postgres' ? sql`active` : sql`active = 1`;
      const { rows } = await sql<{ id: number }>`SELECT id FROM dictionary_values WHERE dictionary_key = ${f.dictionary} AND parent_id IS NULL AND ${active}
        ORDER BY position, id LIMIT 1`.execute(trx);
      if (rows[0]) values[name] = Number(rows[0].id);
    }
  }

  /**
   * `lines` fields in the write: checked and priced (line-items.ts). While a record has lines its
   * total field is their sum, whatever the client sent; with none, the total is as typed.
   * Returns what to write once the record's id is known.
   */
  private async prepareLines(trx: Kysely<DbSchema>, values: Record<string, unknown>, id: number | null, keptOnCreate?: ReadonlySet<number>): Promise<[ReturnType<typeof linesOf>, PreparedLine[]][]> {
    const out: [ReturnType<typeof linesOf>, PreparedLine[]][] = [];
    for (const [name, f] of linesFields(this.entity)) {
      const def = linesOf(f);
      if (!(name in values)) {
        if (id !== null && def.totalField in values && await hasLines(trx, def, id)) delete values[def.totalField];
        continue;
      }
      const kept = id === null ? keptOnCreate ?? new Set<number>() : await currentProductIds(trx, def, id);
      const prepared = await prepareLines(trx, def, name, (values[name] as LineInput[] | null) ?? [], kept);
      if (prepared.lines.length) values[def.totalField] = prepared.total;
      out.push([def, prepared.lines]);
    }
    return out;
  }

  /** `references` fields: the written set replaces the record's live links, in the write's transaction. */
  private async writeLinks(trx: Kysely<DbSchema>, id: number, values: Record<string, unknown>, actor: Actor): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.fields)) {
      if (f.kind !== 'references' || !(name in values)) continue;
      await replaceLinks(trx, f, id, (values[name] as number[] | null) ?? [], actor.userId);
    }
  }

  /** Dictionary values must belong to the field's dictionary; references must exist (and be live). */
  private async checkReferences(trx: Kysely<DbSchema>, values: Record<string, unknown>): Promise<void> {
    const issues: FieldIssue[] = [];
    for (const [name, value] of Object.entries(values)) {
      const f = this.entity.allFields[name];
      if (value === null || value === undefined || !f) continue;
      if (f.kind === 'dictionary') {
        const { rows } = await sql<{ parent_id: number | null }>`SELECT parent_id FROM dictionary_values WHERE id = ${value} AND dictionary_key = ${f.dictionary}`.execute(trx);
        if (rows.length === 0) issues.push({ field: name, message: `is not a value of the ${f.dictionary} dictionary` });
        // A field other fields take children from (a category) holds a top-level value.
        else if (rows[0].parent_id !== null && Object.values(this.entity.fields).some((x) => x.parent === name)) {
          issues.push({ field: name, message: `is a child value: choose a top-level value of the ${f.dictionary} dictionary` });
        }
      } else if (f.kind === 'reference') {
        const target = f.reference === 'user' ? 'users' : entityByName(f.reference ?? '')?.table;
        if (!target) continue;
        const live = f.reference === 'user' ? sql`` : sql` AND deleted_at IS NULL`;
        const { rows } = await sql`SELECT 1 FROM ${sql.table(target)} WHERE id = ${value}${live}`.execute(trx);
        if (rows.length === 0) issues.push({ field: name, message: `refers to a ${f.reference} that does not exist` });
      } else if (f.kind === 'references') {
        const bad = await notLive(trx, linkOf(f).target, value as number[]);
        if (bad.length) issues.push({ field: name, message: `refers to ${f.reference} ids that do not exist: ${bad.slice(0, 20).join(', ')}` });
      }
    }
    if (issues.length) throw invalid(issues);
  }

  /** Unique among live records (a record in Trash does not hold its value). */
  private async checkUnique(trx: Kysely<DbSchema>, values: Record<string, unknown>, id: number | null): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.fields)) {
      const value = values[name];
      if (!f.unique || value === null || value === undefined) continue;
      const notSelf = id === null ? sql`` : sql` AND id <> ${id}`;
      const { rows } = await sql`SELECT 1 FROM ${this.table} WHERE ${sql.ref(this.entity.columnOf(name))} = ${value} AND deleted_at IS NULL${notSelf}`.execute(trx);
      if (rows.length) throw invalid([{ field: name, message: 'is already used by another record' }]);
    }
  }

  /**
   * A unique index that fires despite the checks (a concurrent write, a restore) is a field error
   * naming the index's field, not a 500; so is a NOT NULL column the rules let through empty.
   */
  private async guardUnique<T>(trx: Kysely<DbSchema>, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const field = await uniqueViolationField(this.db, trx, this.entity, e);
      if (field) throw invalid([{ field, message: 'is already used by another record' }]);
      const empty = notNullViolationField(this.entity, e);
      if (empty) throw invalid([{ field: empty, message: 'is required' }]);
      throw e;
    }
  }
}

function forbidden(entity: EntityDef, action: Action): ProblemError {
  return new ProblemError(403, 'Forbidden', `Your role does not let you ${action} this ${entity.name}; nothing was changed.`);
}

export function conflict(entity: EntityDef, current: ApiRecord): ProblemError {
  return new ProblemError(409, 'Conflict', `This ${entity.name} was changed by someone else (now version ${current.version}); nothing was saved. Reload and apply your change again.`, undefined, { current });
}

/** The next free code, e.g. C-000124 (or SO-2026-00042), from the highest existing one (served by the code index). */
export async function nextCode(entity: EntityDef, executor: Kysely<DbSchema>): Promise<string> {
  const auto = entity.autoCode;
  if (!auto) throw new Error(`${entity.name} has no autoCode`);
  const col = sql.ref(entity.columnOf(auto.field));
  // A yearly number takes the installation's year: SO-2027-… from midnight on 1 January there, not in UTC.
  const prefix = auto.yearly ? `${auto.prefix}-${(await installationToday(executor)).slice(0, 4)}-` : `${auto.prefix}-`;
  const { rows } = await sql<{ code: string }>`SELECT ${col} AS code FROM ${sql.table(entity.table)}
    WHERE ${col} >= ${prefix + '0'.repeat(auto.digits)} AND ${col} <= ${prefix + '9'.repeat(auto.digits)} ORDER BY ${col} DESC LIMIT 1`.execute(executor);
  const n = rows[0] ? Number(rows[0].code.slice(prefix.length)) + 1 : 1;
  return prefix + String(Number.isFinite(n) ? n : 1).padStart(auto.digits, '0');
}

/** A yes/no field has no third state: an explicit null (an unticked box) is false. Absent stays absent. */
function nullBooleansToFalse(entity: EntityDef, values: Record<string, unknown>): void {
  for (const [name, f] of Object.entries(entity.fields)) {
    if (f.kind === 'boolean' && name in values && values[name] === null) values[name] = false;
  }
}

/** What `createMany` did with one body: its new record's id (null in a dry run or when refused) or the issues that refused it. */
export interface CreateOutcome { id: number | null; version: number; issues: FieldIssue[] }

/** A refusal's field issues (a 400's list, or the problem's detail for a 403 or 409). */
export function issuesOf(e: unknown): FieldIssue[] {
  if (e instanceof ProblemError) return e.errors?.length ? e.errors : [{ field: '(record)', message: e.detail ?? e.title }];
  throw e;
}

/** The code after this one: C-000124 → C-000125 (the digits widen past the last). */
function successor(code: string): string {
  const m = /^(.*?)(\d+)$/.exec(code);
  if (!m) return code;
  return m[1] + String(Number(m[2]) + 1).padStart(m[2].length, '0');
}

/** Ids as ranges: 5-9, 12, 14-20. */
function idRanges(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const out: string[] = [];
  for (let k = 0; k < sorted.length;) {
    let j = k;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > k ? `${sorted[k]}-${sorted[j]}` : String(sorted[k]));
    k = j + 1;
  }
  return out.join(', ');
}
