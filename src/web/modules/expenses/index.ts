import { extendEntity } from '../../core/extensions.js';
import { BulkExpenseActions } from './BulkExpenseActions.js';
import { ExpenseActions } from './ExpenseActions.js';
import { ExpenseAmountField } from './ExpenseAmountField.js';
import { CustomerExpensesTab, OpportunityExpensesTab } from './ExpensesTab.js';

/** Expenses (M10): the approval actions (one expense or a selection), the amount priced per unit, Expenses tabs on customers and opportunities. */
export function registerExpenses(): void {
  extendEntity('expense', { recordActions: [ExpenseActions], bulkActions: [BulkExpenseActions], fieldWidgets: { amount: ExpenseAmountField } });
  extendEntity('customer', { recordTabs: [{ value: 'expenses', label: 'expense.plural', Panel: CustomerExpensesTab }] });
  extendEntity('opportunity', { recordTabs: [{ value: 'expenses', label: 'expense.plural', Panel: OpportunityExpensesTab }] });
}
