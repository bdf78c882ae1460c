import { api } from '../../core/api.js';
import type { EntityRecord } from '../../core/records.js';
import type { ImportReport } from '../../../shared/contacts/vcard-import-report.js';


export const contactsApi = {
  /** The contact becomes its customer's primary contact; the previous one is unmarked in the same transaction. */
  makePrimary: (id: number) => api<EntityRecord>(`/v1/contacts/${id}/make-primary`, { method: 'POST' }),
  /** A .vcf file's cards; `dryRun` reports what would happen and changes nothing. */
  importVcards: (text: string, options: { createCustomers: boolean; dryRun: boolean }) =>
    api<ImportReport>('/v1/contacts/import', {
      method: 'POST',
      query: { format: 'vcf', createCustomers: options.createCustomers ? 1 : 0, dryRun: options.dryRun ? 1 : 0 },
      raw: { contentType: 'text/vcard; charset=utf-8', text },
    }),
};

/** One contact's card, as a download. */
export const vcardUrl = (id: number) => `/api/v1/contacts/${id}/vcard`;
