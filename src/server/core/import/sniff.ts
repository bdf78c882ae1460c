import type { ImportFormatName } from '../../../shared/import.js';
import { sniffTableFormat } from '../formats.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The file's format from its first bytes (an XLSX is a zip), a format a module reads (a vCard), else CSV. */
export function sniffFormat(head: Buffer, fileName: string, text: string, entityName: string): ImportFormatName {
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  return sniffTableFormat(entityName, text, fileName) === 'vcard' ? 'vcard' : 'csv';
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How often `d` occurs in a line outside quotes. */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter of delimited text: the candidate that splits the first lines into the same number
 * of fields most often (and into more than one). Tabs win ties: a TSV's names may hold commas.
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 30);
  let best: { d: string; score: number } = { d: ',', score: 0 };
  for (const d of ['\t', ',', ';', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const same = counts.filter((c) => c === first).length;
    const score = same * 1000 + first;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}
