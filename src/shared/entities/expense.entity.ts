import { defineEntity } from '../entity/define.js';

/**
 * An expense (M10): what was spent, when, on what category (Travel › Taxi), for which customer and
 * opportunity. A category with a unit price (mileage per km) prices it: amount = quantity × unit
 * price. Its status moves only by the actions Submit, Approve, Reject (with a reason), Reset to
 * draft and Reimburse; each change is kept with who and when. Receipts are its attachments.
 */
export const expenseEntity = defineEntity({
  name: 'expense',
  path: 'expenses',
  table: 'expenses',
  label: 'expense.label',
  pluralLabel: 'expense.plural',
  titleField: 'description',
  defaultSort: '-date',
  attachments: true,
  fields: {
    // Left empty, today (in the installation's time zone).
    date: { kind: 'date', label: 'expense.field.date', indexed: true, defaultToday: true },
    categoryId: { kind: 'dictionary', dictionary: 'expense-category', label: 'expense.field.category', required: true, indexed: true },
    subcategoryId: { kind: 'dictionary', dictionary: 'expense-category', parent: 'categoryId', label: 'expense.field.subcategory', indexed: true },
    description: { kind: 'text', label: 'expense.field.description', required: true, search: true, indexed: true, maxLength: 300 },
    quantity: { kind: 'decimal', label: 'expense.field.quantity', min: 0, max: 1_000_000_000 },
    // Copied from the category when it has one: what the amount was priced at.
    unitPrice: { kind: 'money', label: 'expense.field.unitPrice', readOnly: true },
    amount: { kind: 'money', label: 'expense.field.amount', min: 0, indexed: true },
    paymentMethodId: { kind: 'dictionary', dictionary: 'payment-method', label: 'expense.field.paymentMethod', indexed: true },
    paidBy: { kind: 'enum', options: ['employee', 'company'], label: 'expense.field.paidBy', default: 'employee', indexed: true },
    customerId: { kind: 'reference', reference: 'customer', label: 'expense.field.customer', indexed: true },
    opportunityId: { kind: 'reference', reference: 'opportunity', label: 'expense.field.opportunity', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    saleId: { kind: 'reference', reference: 'sale', label: 'expense.field.sale', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    status: {
      kind: 'enum', options: ['draft', 'submitted', 'approved', 'rejected', 'reimbursed'], label: 'expense.field.status', readOnly: true, default: 'draft', indexed: true,
      history: { table: 'expense_status_history', recordKey: 'expense_id', fromColumn: 'from_status', toColumn: 'to_status', snapshot: { rejectionReason: 'reason' }, route: 'status-history' },
    },
    rejectionReason: { kind: 'text', label: 'expense.field.rejectionReason', readOnly: true, maxLength: 500 },
    approvedBy: { kind: 'reference', reference: 'user', label: 'expense.field.approvedBy', readOnly: true },
    approvedAt: { kind: 'datetime', label: 'expense.field.approvedAt', readOnly: true, indexed: true },
    notes: { kind: 'longtext', label: 'expense.field.notes' },
  },
  listColumns: ['date', 'description', 'categoryId', 'subcategoryId', 'amount', 'paidBy', 'status', 'customerId', 'opportunityId', 'ownerId'],
  formSections: [
    { title: 'expense.section.basic', fields: ['date', 'categoryId', 'subcategoryId', 'description', 'quantity', 'unitPrice', 'amount', 'paymentMethodId', 'paidBy', 'ownerId'] },
    { title: 'expense.section.link', fields: ['customerId', 'opportunityId', 'saleId'] },
    { title: 'expense.section.approval', fields: ['status', 'rejectionReason', 'approvedBy', 'approvedAt'] },
    { title: 'expense.section.notes', fields: ['notes'] },
  ],
  exportColumns: ['id', 'date', 'categoryId', 'subcategoryId', 'description', 'quantity', 'unitPrice', 'amount', 'paymentMethodId', 'paidBy', 'customerId', 'opportunityId', 'saleId',
    'status', 'rejectionReason', 'approvedBy', 'approvedAt', 'notes', 'ownerId', 'createdAt', 'updatedAt'],
});
