import type { FastifyInstance } from 'fastify';
import { expenseEntity } from '../../../shared/entities/expense.entity.js';
import type { Database } from '../../db/database.js';
import { registerHooks } from '../../core/hooks.js';
import { registerExpenseActions } from './actions.js';
import { expensePricingHooks } from './pricing.js';

/** Expenses (M10): per-unit pricing, drafts only edited, and the approval actions. Lists, sums, exports, history and receipts are generic. */
export function registerExpenses(app: FastifyInstance, db: Database): void {
  registerHooks(expenseEntity, expensePricingHooks);
  registerExpenseActions(app, db);
}
