import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Action } from '../../shared/access.js';
import type { Database } from '../db/database.js';
import { actorOf } from '../auth/request-context.js';
import { fieldRule, ownerInScope, scopeOf } from '../auth/access.js';
import { readAudit } from './audit-read.js';
import { invalid, notFound } from './errors.js';
import type { RecordService } from './records.js';
import { userLabels } from './labels.js';
import { localeOf, parseId } from './ids.js';
import { parseBody } from './body.js';

const restoreBody = z.strictObject({ field: z.string().max(64), version: z.number().int().positive() });

/** A record's Changes tab, restoring one field's earlier value, and "Why can I see this?" (issue 15). */
export function registerChangesRoutes(app: FastifyInstance, db: Database, entity: EntityDef, service: RecordService): void {
  const base = `/api/v1/${entity.path}/:id`;

  app.get<{ Params: { id: string } }>(`${base}/changes`, async (req) => {
    const id = parseId(req.params.id);
    const actor = actorOf(req);
    await service.get(id, { actor, includeDeleted: true });
    const { items } = await readAudit(db, sql`entity = ${entity.name} AND record_id = ${id}`, 500, actor.access, localeOf(req));
    return { items };
  });

  app.post<{ Params: { id: string; entryId: string } }>(`${base}/changes/:entryId/restore`, async (req) => {
    const id = parseId(req.params.id);
    const entryId = parseId(req.params.entryId);
    const body = parseBody(restoreBody, req.body);
    const actor = actorOf(req);
    // The record's rights first: its log (and whether an entry exists) is not told to someone who may not change it.
    await service.authorize(id, actor, 'edit');
    const { items } = await readAudit(db, sql`entity = ${entity.name} AND record_id = ${id} AND id = ${entryId}`, 1, actor.access, localeOf(req));
    const change = items[0]?.changes.find((c) => c.field === body.field);
    if (!change) throw notFound(`No change of ${body.field.slice(0, 64)} in entry ${entryId} of this ${entity.name}`);
    const f = entity.fields[change.field];
    if (!f || f.kind === 'computed') throw invalid([{ field: 'field', message: 'cannot be restored' }]);
    // An ordinary edit: the same rights, field rules, checks, version and audit as any other.
    return service.update(id, { [change.field]: change.before, version: body.version }, actor, { locale: localeOf(req) });
  });

  app.get<{ Params: { id: string } }>(`${base}/access`, async (req) => {
    const id = parseId(req.params.id);
    const actor = actorOf(req);
    const record = await service.get(id, { actor, includeDeleted: true });
    const { rows } = await sql<{ owner_id: number | null }>`SELECT owner_id FROM ${sql.table(entity.table)} WHERE id = ${id}`.execute(db.kysely);
    const owner = rows[0]?.owner_id ?? null;
    const ownerName = owner === null ? null : (await userLabels(db.kysely, [Number(owner)], localeOf(req))).get(Number(owner)) ?? null;
    const grant = (action: Action) => {
      const scope = scopeOf(actor.access, entity, action);
      const allowed = ownerInScope(actor.access, scope, owner);
      const role = actor.access.grantedBy[entity.name]?.[action] ?? null;
      const key = !allowed ? (scope === 'none' ? 'access.reason.none' : 'access.reason.outside') : `access.reason.${scope}`;
      return { allowed, scope, role, reason: { key, params: { owner: ownerName, role, team: actor.access.teamId } } };
    };
    const fields = Object.fromEntries(Object.keys(entity.fields).map((f) => [f, fieldRule(actor.access, entity, f)]).filter(([, r]) => r !== 'read-write'));
    return { recordId: record.id, ownerId: owner, ownerName, read: grant('read'), edit: grant('edit'), delete: grant('delete'), export: grant('export'), fields };
  });
}
