import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { BulkExpenseActions } from './BulkExpenseActions.js';

/** Expenses (M10): the approval actions (one expense or a selection), the amount priced per unit, Expenses tabs on customers and opportunities. */
export function registerExpenses(): void {
  // The record's parts load with the first expense opened; the bulk actions stay with the list.
  extendEntity('expense', {
    recordActions: [lazyPage(() => import('./ExpenseActions.js').then((m) => m.ExpenseActions))],
    bulkActions: [BulkExpenseActions],
    fieldWidgets: { amount: lazyPage(() => import('./ExpenseAmountField.js').then((m) => m.ExpenseAmountField)) },
  });
  extendEntity('customer', { recordTabs: [{ value: 'expenses', label: 'expense.plural', Panel: lazyPage(() => import('./ExpensesTab.js').then((m) => m.CustomerExpensesTab)) }] });
  extendEntity('opportunity', { recordTabs: [{ value: 'expenses', label: 'expense.plural', Panel: lazyPage(() => import('./ExpensesTab.js').then((m) => m.OpportunityExpensesTab)) }] });
}
