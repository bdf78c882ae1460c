import { defineEntity } from '../entity/define.js';

/**
 * A contact activity (M6): a call, visit, meeting, … with a customer and contact. A timed
 * activity has instants (startAt/endAt, UTC); an all-day one has dates (startDate/endDate),
 * never midnights, so it stays on its day in every time zone. `status` changes only through
 * End activity / Reopen (POST …/end, …/reopen), which also record it.
 */
export const activityEntity = defineEntity({
  name: 'activity',
  path: 'activities',
  table: 'activities',
  label: 'activity.label',
  pluralLabel: 'activity.plural',
  titleField: 'subject',
  defaultSort: '-createdAt',
  fields: {
    subject: { kind: 'text', label: 'activity.field.subject', required: true, search: true, indexed: true, maxLength: 200 },
    typeId: { kind: 'dictionary', dictionary: 'activity-type', label: 'activity.field.type', indexed: true },
    customerId: { kind: 'reference', reference: 'customer', label: 'activity.field.customer', indexed: true },
    // Choosing a contact fills its customer; a contact of another customer is refused.
    contactId: { kind: 'reference', reference: 'contact', label: 'activity.field.contact', indexed: true, within: { field: 'customerId', targetField: 'customerId' } },
    allDay: { kind: 'boolean', label: 'activity.field.allDay', default: false, indexed: true },
    startAt: { kind: 'datetime', label: 'activity.field.startAt', indexed: true, when: { field: 'allDay', equals: false, required: true, carry: 'startDate' } },
    endAt: { kind: 'datetime', label: 'activity.field.endAt', indexed: true, when: { field: 'allDay', equals: false, carry: 'endDate' }, notBefore: 'startAt' },
    startDate: { kind: 'date', label: 'activity.field.startDate', indexed: true, when: { field: 'allDay', equals: true, required: true, carry: 'startAt' } },
    endDate: { kind: 'date', label: 'activity.field.endDate', indexed: true, when: { field: 'allDay', equals: true, carry: 'endAt' }, notBefore: 'startDate' },
    location: { kind: 'text', label: 'activity.field.location', maxLength: 300, search: true },
    priorityId: { kind: 'dictionary', dictionary: 'activity-priority', label: 'activity.field.priority', indexed: true },
    description: { kind: 'longtext', label: 'activity.field.description' },
    // Up to four weeks ahead: the reminders query relies on this bound.
    reminderMinutes: { kind: 'integer', label: 'activity.field.reminderMinutes', min: 0, max: 40_320 },
    status: { kind: 'enum', options: ['planned', 'ended'], label: 'activity.field.status', readOnly: true, default: 'planned', indexed: true },
    endedAt: { kind: 'datetime', label: 'activity.field.endedAt', readOnly: true, indexed: true },
    // When a planned activity becomes overdue (its end; an all-day one's last day's end); empty once ended.
    dueAt: { kind: 'datetime', label: 'activity.field.dueAt', readOnly: true, indexed: true, due: true },
    outcome: { kind: 'longtext', label: 'activity.field.outcome' },
  },
  listColumns: ['subject', 'typeId', 'customerId', 'contactId', 'startAt', 'startDate', 'status', 'priorityId', 'ownerId', 'endedAt'],
  formSections: [
    { title: 'activity.section.basic', fields: ['subject', 'typeId', 'customerId', 'contactId', 'priorityId', 'ownerId'] },
    { title: 'activity.section.time', fields: ['allDay', 'startAt', 'endAt', 'startDate', 'endDate', 'reminderMinutes', 'location'] },
    { title: 'activity.section.notes', fields: ['description', 'outcome'] },
  ],
  exportColumns: ['id', 'subject', 'typeId', 'customerId', 'contactId', 'allDay', 'startAt', 'endAt', 'startDate', 'endDate', 'location', 'priorityId',
    'description', 'reminderMinutes', 'status', 'endedAt', 'outcome', 'ownerId', 'createdAt', 'updatedAt'],
});
