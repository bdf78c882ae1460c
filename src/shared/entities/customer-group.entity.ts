import { defineEntity } from '../entity/define.js';

/** Customer groups (M3): a customer belongs to any number of them (customer.groupIds). */
export const customerGroupEntity = defineEntity({
  name: 'customerGroup',
  path: 'customer-groups',
  table: 'customer_groups',
  label: 'customerGroup.label',
  pluralLabel: 'customerGroup.plural',
  titleField: 'name',
  // The manual's five groups keep its order (position); groups users add follow, by name.
  defaultSort: 'position,name',
  fields: {
    name: { kind: 'text', label: 'customerGroup.field.name', required: true, unique: true, search: true, indexed: true, maxLength: 100, translatable: true },
    color: { kind: 'color', label: 'customerGroup.field.color', indexed: true },
    description: { kind: 'longtext', label: 'customerGroup.field.description', search: true, maxLength: 2000 },
    position: { kind: 'integer', label: 'customerGroup.field.position', min: 0, max: 1_000_000, default: 100, indexed: true },
    memberCount: { kind: 'computed', valueKind: 'integer', label: 'customerGroup.field.memberCount', readOnly: true },
  },
  listColumns: ['name', 'color', 'memberCount', 'description', 'updatedAt'],
  formSections: [
    { title: 'customerGroup.section.basic', fields: ['name', 'color', 'position', 'description'] },
  ],
  exportColumns: ['id', 'name', 'color', 'description', 'memberCount', 'position', 'createdAt', 'updatedAt'],
});
