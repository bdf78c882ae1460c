import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { expenseEntity } from '../../../shared/entities/expense.entity.js';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { Database } from '../../db/database.js';
import { invalid, ProblemError } from '../../core/errors.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import { RecordService } from '../../core/records.js';

type Status = 'draft' | 'submitted' | 'approved' | 'rejected' | 'reimbursed';

interface Action {
  /** The statuses it moves from, and the one it moves to. */
  from: readonly Status[];
  to: Status;
  /** The fields it sets besides the status. */
  set: (actor: number, reason: string | null, now: string) => Record<string, unknown>;
  needsReason?: boolean;
}

/**
 * The expense's state machine (M10): draft → submitted → approved / rejected → reimbursed, and back to
 * draft from submitted or rejected. Each move records who and when (the status history, and the
 * approver on the expense itself); a move the machine does not allow is a 409 naming the status.
 */
export const ACTIONS: Readonly<Record<string, Action>> = {
  submit: { from: ['draft'], to: 'submitted', set: () => ({ rejectionReason: null }) },
  approve: { from: ['submitted'], to: 'approved', set: (actor, _r, now) => ({ approvedBy: actor, approvedAt: now }) },
  reject: { from: ['submitted'], to: 'rejected', needsReason: true, set: (_a, reason) => ({ rejectionReason: reason }) },
  reset: { from: ['submitted', 'rejected'], to: 'draft', set: () => ({ approvedBy: null, approvedAt: null }) },
  reimburse: { from: ['approved'], to: 'reimbursed', set: () => ({}) },
};

const body = z.strictObject({
  version: z.number().int().nonnegative().optional(),
  reason: z.string().trim().max(500).optional(),
});

export function registerExpenseActions(app: FastifyInstance, db: Database): void {
  const service = new RecordService(db, expenseEntity);
  for (const [name, action] of Object.entries(ACTIONS)) {
    app.post(`/api/v1/expenses/:id/${name}`, async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const id = parseId(req.params.id);
      const parsed = body.safeParse(req.body ?? {});
      if (!parsed.success) throw invalid(fieldIssues(parsed.error));
      const reason = parsed.data.reason || null;
      if (action.needsReason && !reason) throw invalid([{ field: 'reason', message: 'is required: say why the expense is rejected' }]);
      const actor = actorOf(req);
      const locale = localeOf(req);
      return db.kysely.transaction().execute(async (trx) => {
        // Refused before the status is even looked at: a 409 would carry the expense to someone who may not read it.
        await service.authorize(id, actor, 'edit', trx);
        const current = await service.get(id, { locale, actor }, trx);
        if (!action.from.includes(current.status as Status)) {
          throw new ProblemError(409, 'Conflict', `This expense is ${String(current.status)}; ${name} moves an expense that is ${action.from.join(' or ')}. Nothing was changed.`,
            [{ field: 'status', message: `is ${String(current.status)}` }], { current });
        }
        if (name === 'submit' && typeof current.amount !== 'number') throw invalid([{ field: 'amount', message: 'is required before the expense is submitted' }]);
        if (name === 'reimburse' && current.paidBy === 'company') {
          throw new ProblemError(409, 'Conflict', 'The company paid this expense: there is nothing to reimburse.', [{ field: 'paidBy', message: 'is company' }], { current });
        }
        return service.systemUpdate(id, { status: action.to, ...action.set(actor.userId, reason, new Date().toISOString()) }, actor, { trx, locale, version: parsed.data.version });
      });
    });
  }
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
  registerOpenApiPaths(Object.fromEntries(Object.entries(ACTIONS).map(([name, a]) => [`/api/v1/expenses/{id}/${name}`, { post: {
    summary: `${name[0].toUpperCase()}${name.slice(1)}: ${a.from.join(' or ')} → ${a.to}${a.needsReason ? ' (body {reason} required)' : ''}; body {version?} refuses a stale expense (409)`,
    parameters: id,
    responses: { 200: { description: 'The expense' }, 400: { description: 'reason missing' }, 409: { description: 'Not allowed from the current status (named, with current), or stale' } },
  } }])));
}
