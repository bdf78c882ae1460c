import { defineEntity } from '../entity/define.js';

/**
 * Service feedback (M9): a customer's complaint, question, suggestion, praise or repair, numbered
 * SF-<year>-<n>. Its priority's targets (working hours) set when the first response and the
 * resolution are due; the service clock pauses while the status means "waiting on customer" and
 * stops when it means resolved, closed, rejected or duplicate. Every status change is kept.
 */
export const serviceFeedbackEntity = defineEntity({
  name: 'serviceFeedback',
  path: 'service-feedback',
  table: 'service_feedback',
  label: 'serviceFeedback.label',
  pluralLabel: 'serviceFeedback.plural',
  titleField: 'subject',
  defaultSort: '-receivedAt',
  autoCode: { field: 'number', prefix: 'SF', digits: 5, yearly: true },
  attachments: true,
  fields: {
    number: { kind: 'text', label: 'serviceFeedback.field.number', maxLength: 40, unique: true, search: true, indexed: true },
    subject: { kind: 'text', label: 'serviceFeedback.field.subject', required: true, search: true, indexed: true, maxLength: 200 },
    customerId: { kind: 'reference', reference: 'customer', label: 'serviceFeedback.field.customer', required: true, indexed: true },
    contactId: { kind: 'reference', reference: 'contact', label: 'serviceFeedback.field.contact', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    productId: { kind: 'reference', reference: 'product', label: 'serviceFeedback.field.product', indexed: true },
    saleId: { kind: 'reference', reference: 'sale', label: 'serviceFeedback.field.sale', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    typeId: { kind: 'dictionary', dictionary: 'service-type', label: 'serviceFeedback.field.type', indexed: true },
    channelId: { kind: 'dictionary', dictionary: 'service-channel', label: 'serviceFeedback.field.channel', indexed: true },
    // Left empty, the first priority (Normal) applies; its targets set the due times.
    priorityId: { kind: 'dictionary', dictionary: 'service-priority', label: 'serviceFeedback.field.priority', indexed: true, defaultFirst: true },
    statusId: {
      kind: 'dictionary', dictionary: 'service-status', label: 'serviceFeedback.field.status', indexed: true, defaultFirst: true,
      history: { table: 'service_feedback_status_history', recordKey: 'feedback_id', fromColumn: 'from_status_id', toColumn: 'to_status_id', route: 'status-history' },
    },
    receivedAt: { kind: 'datetime', label: 'serviceFeedback.field.receivedAt', indexed: true, defaultNow: true },
    description: { kind: 'longtext', label: 'serviceFeedback.field.description', search: true },
    resolution: { kind: 'longtext', label: 'serviceFeedback.field.resolution' },
    // Set by the first status change after Open, unless given.
    firstRespondedAt: { kind: 'datetime', label: 'serviceFeedback.field.firstRespondedAt', indexed: true, notBefore: 'receivedAt' },
    resolvedAt: { kind: 'datetime', label: 'serviceFeedback.field.resolvedAt', readOnly: true, indexed: true },
    // The running deadlines: empty when met, stopped or paused (the service clock, server-kept).
    responseDueAt: { kind: 'datetime', label: 'serviceFeedback.field.responseDueAt', readOnly: true, indexed: true, due: true },
    resolutionDueAt: { kind: 'datetime', label: 'serviceFeedback.field.resolutionDueAt', readOnly: true, indexed: true, due: true },
    clockPausedAt: { kind: 'datetime', label: 'serviceFeedback.field.clockPausedAt', readOnly: true },
    pausedMinutes: { kind: 'integer', label: 'serviceFeedback.field.pausedMinutes', readOnly: true, min: 0 },
    satisfaction: { kind: 'integer', label: 'serviceFeedback.field.satisfaction', min: 1, max: 5, indexed: true },
    satisfactionComment: { kind: 'longtext', label: 'serviceFeedback.field.satisfactionComment', maxLength: 2000 },
  },
  listColumns: ['number', 'subject', 'customerId', 'typeId', 'priorityId', 'statusId', 'receivedAt', 'resolutionDueAt', 'ownerId', 'updatedAt'],
  formSections: [
    { title: 'serviceFeedback.section.basic', fields: ['subject', 'number', 'customerId', 'contactId', 'productId', 'saleId', 'typeId', 'channelId', 'priorityId', 'statusId', 'receivedAt', 'ownerId'] },
    { title: 'serviceFeedback.section.details', fields: ['description', 'resolution'] },
    { title: 'serviceFeedback.section.clock', fields: ['firstRespondedAt', 'responseDueAt', 'resolutionDueAt', 'resolvedAt'] },
    { title: 'serviceFeedback.section.satisfaction', fields: ['satisfaction', 'satisfactionComment'] },
  ],
  exportColumns: ['id', 'number', 'subject', 'customerId', 'contactId', 'productId', 'saleId', 'typeId', 'channelId', 'priorityId', 'statusId', 'receivedAt',
    'firstRespondedAt', 'responseDueAt', 'resolutionDueAt', 'resolvedAt', 'description', 'resolution', 'satisfaction', 'satisfactionComment', 'ownerId', 'createdAt', 'updatedAt'],
});
