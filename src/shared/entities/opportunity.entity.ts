import { defineEntity } from '../entity/define.js';

/** The amount less its approved expenses (M10), where the amount is known. */
function marginOf(r: Readonly<Record<string, unknown>>): number | null {
  return typeof r.amount === 'number' ? r.amount - (typeof r.approvedExpenses === 'number' ? r.approvedExpenses : 0) : null;
}

/**
 * A sales opportunity (M8.a–M8.d). Its stage is a dictionary value with a win probability and
 * an outcome (open / won / lost): the probability defaults from the stage and may be
 * overridden; the status follows the stage. With product lines (M8.c) the amount is the sum
 * the server computes from them; without, it is typed by hand. Every stage change is kept in
 * the stage history. A won opportunity converts to a sale, linked both ways.
 */
export const opportunityEntity = defineEntity({
  name: 'opportunity',
  path: 'opportunities',
  table: 'opportunities',
  label: 'opportunity.label',
  pluralLabel: 'opportunity.plural',
  titleField: 'name',
  defaultSort: '-updatedAt',
  // The pipeline's totals by stage (migration 016).
  groupTotals: { table: 'opportunity_stage_totals', groupBy: 'stageId', sums: ['amount', 'weightedAmount'] },
  fields: {
    name: { kind: 'text', label: 'opportunity.field.name', required: true, search: true, indexed: true, maxLength: 200 },
    customerId: { kind: 'reference', reference: 'customer', label: 'opportunity.field.customer', required: true, indexed: true },
    contactId: { kind: 'reference', reference: 'contact', label: 'opportunity.field.contact', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    // Left empty, the first stage (the dictionary's order) applies.
    stageId: {
      kind: 'dictionary', dictionary: 'opportunity-stage', label: 'opportunity.field.stage', indexed: true, defaultFirst: true,
      // Every stage change, with the amount at the time: the funnel and time-in-stage analyses read it.
      history: { table: 'opportunity_stage_history', recordKey: 'opportunity_id', fromColumn: 'from_stage_id', toColumn: 'to_stage_id', snapshot: { amount: 'amount' }, route: 'stage-history' },
    },
    probability: { kind: 'percent', label: 'opportunity.field.probability', min: 0, max: 100, indexed: true },
    expectedCloseDate: { kind: 'date', label: 'opportunity.field.expectedCloseDate', indexed: true },
    sourceId: { kind: 'dictionary', dictionary: 'customer-source', label: 'opportunity.field.source', indexed: true },
    amount: { kind: 'money', label: 'opportunity.field.amount', min: 0, indexed: true },
    weightedAmount: { kind: 'money', label: 'opportunity.field.weightedAmount', readOnly: true, indexed: true },
    status: { kind: 'enum', options: ['open', 'won', 'lost'], label: 'opportunity.field.status', readOnly: true, default: 'open', indexed: true },
    closedAt: { kind: 'datetime', label: 'opportunity.field.closedAt', readOnly: true, indexed: true },
    nextStep: { kind: 'text', label: 'opportunity.field.nextStep', maxLength: 300, search: true },
    lostReason: { kind: 'text', label: 'opportunity.field.lostReason', maxLength: 300 },
    notes: { kind: 'longtext', label: 'opportunity.field.notes' },
    saleId: { kind: 'reference', reference: 'sale', label: 'opportunity.field.sale', readOnly: true, indexed: true },
    // M10: what its approved (and reimbursed) expenses cost, and what is left of the amount.
    approvedExpenses: {
      kind: 'computed', valueKind: 'money', label: 'opportunity.field.approvedExpenses', readOnly: true,
      rollup: { entity: 'expense', key: 'opportunityId', sum: 'amount', where: { field: 'status', in: ['approved', 'reimbursed'] } },
    },
    margin: { kind: 'computed', valueKind: 'money', label: 'opportunity.field.margin', readOnly: true, derive: marginOf },
    lines: { kind: 'lines', label: 'opportunity.field.lines', lines: { table: 'opportunity_lines', parentKey: 'opportunity_id', totalField: 'amount', item: 'product' } },
  },
  listColumns: ['name', 'customerId', 'stageId', 'status', 'probability', 'amount', 'weightedAmount', 'expectedCloseDate', 'ownerId', 'updatedAt'],
  formSections: [
    { title: 'opportunity.section.basic', fields: ['name', 'customerId', 'contactId', 'stageId', 'probability', 'expectedCloseDate', 'sourceId', 'ownerId'] },
    { title: 'opportunity.section.amount', fields: ['amount', 'weightedAmount', 'approvedExpenses', 'margin', 'status', 'closedAt', 'saleId'] },
    { title: 'opportunity.section.lines', fields: ['lines'] },
    { title: 'opportunity.section.progress', fields: ['nextStep', 'lostReason', 'notes'] },
  ],
});
