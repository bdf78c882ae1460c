import { defineEntity } from '../entity/define.js';

/**
 * A sale (sales order, M8.e–M8.g): numbered SO-<year>-<n> unless a number is given, with
 * product lines like an opportunity's; the total is the server's sum of the lines (typed by
 * hand only while there are none). A sale converted from a won opportunity links back to it.
 */
export const saleEntity = defineEntity({
  name: 'sale',
  path: 'sales',
  table: 'sales',
  label: 'sale.label',
  pluralLabel: 'sale.plural',
  titleField: 'number',
  defaultSort: '-orderDate',
  autoCode: { field: 'number', prefix: 'SO', digits: 5, yearly: true },
  fields: {
    number: { kind: 'text', label: 'sale.field.number', maxLength: 40, unique: true, search: true, indexed: true },
    customerId: { kind: 'reference', reference: 'customer', label: 'sale.field.customer', required: true, indexed: true },
    contactId: { kind: 'reference', reference: 'contact', label: 'sale.field.contact', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    opportunityId: { kind: 'reference', reference: 'opportunity', label: 'sale.field.opportunity', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    orderDate: { kind: 'date', label: 'sale.field.orderDate', indexed: true, defaultToday: true },
    // Left empty, the first status (confirmed) applies.
    statusId: { kind: 'dictionary', dictionary: 'sale-status', label: 'sale.field.status', indexed: true, defaultFirst: true },
    paymentTermsId: { kind: 'dictionary', dictionary: 'payment-terms', label: 'sale.field.paymentTerms', indexed: true },
    total: { kind: 'money', label: 'sale.field.total', min: 0, indexed: true },
    notes: { kind: 'longtext', label: 'sale.field.notes' },
    lines: { kind: 'lines', label: 'sale.field.lines', lines: { table: 'sale_lines', parentKey: 'sale_id', totalField: 'total', item: 'product' } },
  },
  listColumns: ['number', 'orderDate', 'customerId', 'contactId', 'statusId', 'paymentTermsId', 'total', 'opportunityId', 'ownerId', 'updatedAt'],
  formSections: [
    { title: 'sale.section.basic', fields: ['number', 'orderDate', 'customerId', 'contactId', 'opportunityId', 'statusId', 'paymentTermsId', 'ownerId'] },
    { title: 'sale.section.lines', fields: ['lines', 'total'] },
    { title: 'sale.section.notes', fields: ['notes'] },
  ],
});
