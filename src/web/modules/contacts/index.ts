import { extendEntity } from '../../core/extensions.js';

/** Contacts (M4, M5): View contact opens from the list. */
export function registerContacts(): void {
  extendEntity('contact', { viewInDialog: true });
}
