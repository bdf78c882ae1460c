import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazy-packages.js';
import { decodeStream, type ImportEncoding } from './decode.js';
import type { TableFormat } from '../formats.js';

/** A file read as a table: its header row, then its data rows one at a time, and how far into the file the reading is. */
export interface TableReader {
  headers(): Promise<string[]>;
  rows(): AsyncGenerator<string[]>;
  /** Bytes of the file consumed so far (the progress bar's measure: a streamed file's row count is unknown until its end). */
  bytesRead(): number;
  /** The sheets of a workbook (empty for text files). */
  sheets(): string[];
  close(): void;
}

/** Counts the bytes that pass. */
function byteTap(): { tap: Transform; count: () => number } {
  let n = 0;
  const tap = new Transform({ transform(chunk: Buffer, _e, done) { n += chunk.length; done(null, chunk); } });
  return { tap, count: () => n };
}

/**
 * Every row of the table, the header row first; a header-less file gets "Column 1", "Column 2", ….
 * Rows that are wholly empty are skipped (spreadsheets leave them at the end).
 */
function tableOf(raw: Readable, rowsOf: (input: Readable) => AsyncGenerator<string[]>, header: boolean, sheets: () => string[] = () => []): TableReader {
  const { tap, count } = byteTap();
  raw.on('error', (e) => tap.destroy(e));
  const source = rowsOf(raw.pipe(tap));
  let head: string[] | null = null;
  let first: string[] | null = null;
  const nonEmpty = async (): Promise<string[] | null> => {
    for (;;) {
      const r = await source.next();
      if (r.done) return null;
      if (r.value.some((c) => c.trim() !== '')) return r.value;
    }
  };
  const headers = async () => {
    if (head) return head;
    const r = await nonEmpty();
    if (header) head = (r ?? []).map((c, i) => c.trim() || `Column ${i + 1}`);
    else { first = r; head = (r ?? []).map((_, i) => `Column ${i + 1}`); }
    return head;
  };
  return {
    headers,
    async *rows() {
      await headers();
      if (first) { const f = first; first = null; yield f; }
      for (let r = await nonEmpty(); r; r = await nonEmpty()) yield r;
    },
    bytesRead: count,
    sheets,
    close: () => { raw.destroy(); },
  };
}

/** CSV and other delimited text (TSV, Excel's "Unicode text"): quoted fields may hold delimiters, quotes and line breaks. */
export function csvReader(raw: Readable, encoding: ImportEncoding, delimiter: string, header = true): TableReader {
  return tableOf(raw, (input) => csvRows(decodeStream(input, encoding), delimiter), header);
}

async function* csvRows(text: Readable, delimiter: string): AsyncGenerator<string[]> {
  // csv-parse streams in linear time (Papa Parse's stream mode re-read its input on every pause: 7 s for 20,000 rows).
  // `relax_column_count`: a spreadsheet's short rows are rows too; `relax_quotes`: a stray quote inside a field is text.
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  for await (const row of parser) yield row as string[];
}

/** A cell's value as the text a user sees typed in it: dates as ISO dates (or date-times), formulas as their results. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', '').replace('Z', '');
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return '';
  return '';
}

/** An XLSX workbook, streamed (shared strings and styles kept, rows not); one sheet: the named one, else the first. */
export async function xlsxReader(raw: Readable, sheet: string | null, header = true): Promise<TableReader> {
  const Excel = await loadExcel();
  let names: string[] = [];
  async function* rowsOf(input: Readable): AsyncGenerator<string[]> {
    const reader = new Excel.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    let done = false;
    for await (const ws of reader) {
      // The sheets' names come from workbook.xml, which Excel writes before the sheets.
      // The reader sets `model` (the workbook's sheets) as it goes: absent until workbook.xml is read.
      names = (reader.model?.sheets ?? []).map((s) => s.name);
      // ExcelJS's types leave out the name its stream reader gives each sheet.
      const name = 'name' in ws && typeof ws.name === 'string' ? ws.name : null;
      const wanted = !done && (sheet === null || name === sheet);
      for await (const row of ws) {
        if (!wanted) continue;
        const values = Array.isArray(row.values) ? row.values : [];
        // ExcelJS's row values start at index 1 (column A).
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
        yield cells;
      }
      if (wanted) done = true;
    }
  }
  return tableOf(raw, rowsOf, header, () => names);
}

/** The most text a module's format is read into memory with (a vCard file of many thousand cards is a few MB). */
const WHOLE_TEXT_MAX = 32 * 1024 * 1024;

/** A file in a module's format (vCard), decoded and read whole, as a table. */
export async function wholeTextReader(raw: Readable, encoding: ImportEncoding, format: TableFormat): Promise<TableReader> {
  let text = '';
  for await (const piece of decodeStream(raw, encoding)) {
    text += String(piece);
    if (text.length > WHOLE_TEXT_MAX) throw new Error(`the file is larger than ${WHOLE_TEXT_MAX / 1024 / 1024} MB of text`);
  }
  const { headers, rows } = format.read(text);
  return tableOf(Readable.from([Buffer.from(text)]), async function* (input) {
    // Read through, so the progress counts the file as read.
    for await (const piece of input) void piece;
    yield headers;
    yield* rows;
  }, true);
}
