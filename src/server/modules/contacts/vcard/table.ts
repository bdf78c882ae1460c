import type { TableFormat } from '../../../core/formats.js';
import { bodyOf } from './contact-card.js';
import { parseVCards } from './parse.js';

/** The columns a card becomes: the contact's field names, which the import maps by themselves; the organisation names the customer. */
const HEADERS = ['name', 'familyName', 'givenName', 'customerId', 'title', 'department', 'mobile', 'officePhone', 'email', 'birthday', 'genderId', 'address', 'notes', 'isPrimary'] as const;

/**
 * vCard as one format of the generic import (issue 16): every card a row, so a .vcf is mapped,
 * checked in a dry run, reported, imported as a job and reverted like a spreadsheet. The gender is
 * written as its code (the dictionary lookup finds values by code); a card that cannot be read is a
 * row without a name, which the import reports as "name is required".
 */
export const vCardTable: TableFormat = {
  sniff: (text, fileName) => /^\s*BEGIN:VCARD/i.test(text) || /\.vcf$/i.test(fileName),
  read(text) {
    const rows = parseVCards(text).map((parsed) => {
      if (!parsed.card) return HEADERS.map(() => '');
      const body: Record<string, unknown> = { ...bodyOf(parsed.card, (code) => code), customerId: parsed.card.organisation };
      return HEADERS.map((h) => (body[h] === null || body[h] === undefined ? '' : String(body[h])));
    });
    return { headers: [...HEADERS], rows };
  },
};
