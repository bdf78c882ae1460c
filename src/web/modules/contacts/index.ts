import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { ImportVcardButton } from './ImportVcardButton.js';

/** Contacts (M4, M5): View contact from the list, vCard import/export, and the Contacts tab of Customer information. */
export function registerContacts(): void {
  extendEntity('contact', {
    viewInDialog: true,
    exportFormats: [{ format: 'vcf', label: 'vcard.exportFormat', extension: 'vcf' }],
    listTools: [ImportVcardButton],
    recordActions: [lazyPage(() => import('./ExportVcardAction.js').then((m) => m.ExportVcardAction))],
  });
  extendEntity('customer', { recordTabs: [{ value: 'contacts', label: 'contact.plural', Panel: lazyPage(() => import('./CustomerContactsTab.js').then((m) => m.CustomerContactsTab)) }] });
}
