import type { Formatter } from './useFormatter.js';
import type { EntityRecord } from '../records.js';

/**
 * The display text of one field of a record. The server's `_labels` (in the request's language) name
 * referenced records, so no extra request is needed; a list of labels is joined. Otherwise the formatter.
 */
export function recordText(format: Formatter, record: EntityRecord, field: string): string {
  const label = record._labels?.[field];
  if (typeof label === 'string') return label;
  if (Array.isArray(label)) return label.join(', ');
  return format(field, record[field]);
}
