import { defineEntity } from '../entity/define.js';

/**
 * A customer's contact person (M4, M5). Korean names are usually written family name first,
 * so `name` is the full name as people write it, with optional family and given names beside
 * it (vCard's N). At most one live contact per customer is its primary contact.
 */
export const contactEntity = defineEntity({
  name: 'contact',
  path: 'contacts',
  table: 'contacts',
  label: 'contact.label',
  pluralLabel: 'contact.plural',
  titleField: 'name',
  defaultSort: 'name',
  fields: {
    name: { kind: 'text', label: 'contact.field.name', required: true, search: true, indexed: true, maxLength: 120 },
    familyName: { kind: 'text', label: 'contact.field.familyName', maxLength: 60 },
    givenName: { kind: 'text', label: 'contact.field.givenName', maxLength: 60 },
    customerId: { kind: 'reference', reference: 'customer', label: 'contact.field.customer', required: true, indexed: true },
    title: { kind: 'text', label: 'contact.field.title', maxLength: 100, search: true, indexed: true },
    department: { kind: 'text', label: 'contact.field.department', maxLength: 100, search: true, indexed: true },
    mobile: { kind: 'phone', label: 'contact.field.mobile', search: true, indexed: true },
    officePhone: { kind: 'phone', label: 'contact.field.officePhone', search: true, indexed: true },
    email: { kind: 'email', label: 'contact.field.email', search: true, indexed: true },
    birthday: { kind: 'date', label: 'contact.field.birthday' },
    genderId: { kind: 'dictionary', dictionary: 'gender', label: 'contact.field.gender', indexed: true },
    address: { kind: 'text', label: 'contact.field.address', maxLength: 300 },
    notes: { kind: 'longtext', label: 'contact.field.notes' },
    // Left empty on create, the server decides: the customer's first contact becomes primary.
    isPrimary: { kind: 'boolean', label: 'contact.field.isPrimary', indexed: true },
  },
  listColumns: ['name', 'customerId', 'isPrimary', 'title', 'department', 'mobile', 'officePhone', 'email', 'ownerId', 'updatedAt'],
  formSections: [
    { title: 'contact.section.basic', fields: ['name', 'familyName', 'givenName', 'customerId', 'isPrimary', 'title', 'department', 'genderId', 'birthday', 'ownerId'] },
    { title: 'contact.section.contact', fields: ['mobile', 'officePhone', 'email', 'address'] },
    { title: 'contact.section.notes', fields: ['notes'] },
  ],
});
