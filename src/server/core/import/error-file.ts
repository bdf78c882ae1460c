import { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import { csvLines, neutralise, sheetName } from '../export.js';
import { translate } from '../i18n.js';
import type { Locale } from '../list-params.js';
import { xlsxStream } from '../xlsx-stream.js';
import { reportRows } from './jobs.js';
import { ERROR_COLUMN_KEY } from './mapping.js';

async function* errorRows(db: Database, jobId: number): AsyncGenerator<string[][]> {
  let after = 0;
  for (;;) {
    const rows = await reportRows(db, jobId, 'error', 500, after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].row;
    yield rows.map((r) => [...r.cells.map(neutralise), neutralise(r.issues.map((i) => `${i.field}: ${i.message}`).join('; '))]);
  }
}

/**
 * The rows that failed, as the file had them plus an Error column saying why: fixed and imported
 * again, they map as before (the Error column is never mapped). Text that looks like a formula gets
 * a leading apostrophe, which an import takes off again.
 */
export function errorFile(db: Database, jobId: number, headers: readonly string[], format: 'csv' | 'xlsx', locale: Locale): Readable {
  const titles = [...headers, translate(locale, ERROR_COLUMN_KEY, 'Error')];
  if (format === 'xlsx') {
    return xlsxStream(sheetName(translate(locale, 'import.errorSheet', 'Errors')), titles.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length + 4)) })), errorRows(db, jobId));
  }
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${csvLines([titles])}`;
    for await (const rows of errorRows(db, jobId)) yield csvLines(rows);
  }
  return Readable.from(lines(), { objectMode: false, highWaterMark: 1 });
}
