import { extendEntity } from '../../core/extensions.js';
import { CustomerContactsTab } from './CustomerContactsTab.js';
import { ExportVcardAction } from './ExportVcardAction.js';
import { ImportVcardButton } from './ImportVcardButton.js';

/** Contacts (M4, M5): View contact from the list, vCard import/export, and the Contacts tab of Customer information. */
export function registerContacts(): void {
  extendEntity('contact', {
    viewInDialog: true,
    exportFormats: [{ format: 'vcf', label: 'vcard.exportFormat', extension: 'vcf' }],
    listTools: [ImportVcardButton],
    recordActions: [ExportVcardAction],
  });
  extendEntity('customer', { recordTabs: [{ value: 'contacts', label: 'contact.plural', Panel: CustomerContactsTab }] });
}
