import { api } from '../../core/api.js';
import type { EntityRecord } from '../../core/records.js';

export type ExpenseAction = 'submit' | 'approve' | 'reject' | 'reset' | 'reimburse';

/** The actions an expense offers in each status (the server's state machine decides; this only hides the others). */
export function actionsFor(record: EntityRecord): ExpenseAction[] {
  switch (record.status) {
    case 'draft': return ['submit'];
    case 'submitted': return ['approve', 'reject', 'reset'];
    case 'rejected': return ['reset'];
    case 'approved': return record.paidBy === 'company' ? [] : ['reimburse'];
    default: return [];
  }
}

export const expensesApi = {
  act: (id: number, action: ExpenseAction, body: { version?: number; reason?: string }) => api<EntityRecord>(`/v1/expenses/${id}/${action}`, { method: 'POST', body }),
};
