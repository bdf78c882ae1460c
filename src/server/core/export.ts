import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { EntityDef } from '../../shared/entity/define.js';
import { shownKind, type FieldDef } from '../../shared/entity/field.js';
import type { Line } from '../../shared/entity/line-items.js';
import { spreadsheetMoneyFormat, toMajor, type Currency } from '../../shared/money.js';
import type { Database } from '../db/database.js';
import { linesFields } from './line-items.js';
import { enumLabel, translate } from './i18n.js';
import { toApiRecords } from './decorate.js';
import type { ListParams, Locale } from './list-params.js';
import { ListQuery } from './list-query.js';
import { installationCurrency } from './currency.js';
import { installationTimeZone } from './installation.js';
import { isoWithGivenOffset, localDate, writtenOffsetMs, writtenOffsets } from './time-zones.js';
import { xlsxStream } from './xlsx-stream.js';
import { loadExcel } from './lazy-packages.js';
import type { ApiRecord } from './record-mapper.js';
import { redact } from '../auth/access.js';

/** Rows per page read and written: small enough that a page's garbage dies young (peak memory stays flat). */
const BATCH = 250;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A spreadsheet must not run what a user typed: text that looks like a formula gets a leading quote. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

type Cell = string | number | boolean | Date | null;

/** What every cell of one export is written with: the reader's language, the installation's currency and time zone. */
export interface ExportContext { locale: Locale; currency: Currency; timeZone: string }

/** The export context of a request: its locale and the installation's settings. */
export async function exportContext(db: Database, locale: Locale): Promise<ExportContext> {
  const [currency, tz] = await Promise.all([installationCurrency(db.kysely), installationTimeZone(db.kysely)]);
  return { locale, currency, timeZone: tz.zone };
}

/**
 * Every matching record as the API returns it (labels, links, computed values), a page at a
 * time by keyset; the export formats (CSV, XLSX and those modules register) all read this.
 */
export async function* recordPages(db: Database, entity: EntityDef, p: ListParams, batch = BATCH): AsyncGenerator<ApiRecord[]> {
  const q = new ListQuery(db, entity);
  let cursor: unknown[] | null = null;
  do {
    const page = await q.page({ ...p, cursor, limit: batch });
    yield (await toApiRecords(db.kysely, entity, page.rows, p.locale)).map((r) => redact(p.access, entity, r));
    cursor = page.nextCursor;
  } while (cursor);
}

type Labels = Record<string, string | string[] | null>;
/** How one column's value becomes a cell: decided once per export, since a million rows ask the same questions. */
type CellFormat = (r: ApiRecord) => Cell;

function cellFormat(entity: EntityDef, c: string, asDates: boolean, ctx: ExportContext, offsets: (ms: number) => number): CellFormat {
  const kind = shownKind(entity.allFields[c]);
  const plain = (v: unknown): Cell => (typeof v === 'string' ? neutralise(v) : typeof v === 'number' || typeof v === 'boolean' ? v : neutralise(String(v)));
  let byKind: (v: unknown) => Cell = plain;
  if (kind === 'money') byKind = (v) => (typeof v === 'number' ? toMajor(v, ctx.currency) : plain(v));
  else if (kind === 'enum') {
    const shown = new Map<string, string>();
    byKind = (v) => {
      const key = String(v);
      let label = shown.get(key);
      if (label === undefined) { label = neutralise(enumLabel(ctx.locale, entity.name, c, key)); shown.set(key, label); }
      return label;
    };
  } else if (kind === 'datetime') {
    // The installation's wall clock: CSV as ISO 8601 with its offset; XLSX as a date-time cell showing that local time
    // (a spreadsheet cell has no zone, and a spreadsheet date is written from a Date's UTC fields).
    byKind = (v) => {
      const ms = Date.parse(String(v));
      if (Number.isNaN(ms)) return plain(v);
      const offset = offsets(ms);
      return asDates ? new Date(ms + offset) : isoWithGivenOffset(ms, offset);
    };
  } else if (asDates && kind === 'date') byKind = (v) => new Date(`${String(v)}T00:00:00Z`);
  return (r) => {
    const v = r[c];
    if (v === null || v === undefined) return null;
    const label = (r._labels as Labels | undefined)?.[c];
    if (Array.isArray(label)) return neutralise(label.join(', '));
    if (label !== undefined) return neutralise(label ?? String(v));
    return byKind(v);
  };
}

/** Each column's cell format for one export. */
function cellFormats(entity: EntityDef, columns: readonly string[], asDates: boolean, ctx: ExportContext): CellFormat[] {
  const offsets = writtenOffsets(ctx.timeZone);
  return columns.map((c) => cellFormat(entity, c, asDates, ctx, offsets));
}

/** The rows of every matching record as cells, a page (BATCH rows) at a time. */
async function* exportBatches(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], asDates: boolean, ctx: ExportContext): AsyncGenerator<Cell[][]> {
  const formats = cellFormats(entity, columns, asDates, ctx);
  for await (const records of recordPages(db, entity, p)) {
    yield records.map((r) => formats.map((f) => f(r)));
  }
}

/** One value as a spreadsheet cell: labels for references, money in major units (19.99, not 1999), real dates in XLSX. */
function cell(entity: EntityDef, r: ApiRecord, c: string, asDates: boolean, ctx: ExportContext): Cell {
  return cellFormat(entity, c, asDates, ctx, (ms) => writtenOffsetMs(ms, ctx.timeZone))(r);
}

/** Column titles in the reader's language; money columns name the currency ("List price (KRW)"). */
function headers(entity: EntityDef, columns: readonly string[], ctx: ExportContext): string[] {
  return columns.map((c) => {
    const title = translate(ctx.locale, entity.allFields[c].label, c);
    return shownKind(entity.allFields[c]) === 'money' ? `${title} (${ctx.currency.code})` : title;
  });
}

function columnStyle(f: FieldDef, currency: Currency): Partial<ExcelJS.Style> {
  const kind = shownKind(f);
  if (kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (kind === 'datetime') return { numFmt: 'yyyy-mm-dd hh:mm' };
  if (kind === 'money') return { numFmt: spreadsheetMoneyFormat(currency) };
  return {};
}

export type { Cell };

/** What makes a CSV field need quotes (Papa Parse's rule: a quote, comma, line break or BOM, or a space at either end). */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;
const QUOTE = /"/g;

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  const text = String(v);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/**
 * Rows as CSV lines (CRLF, comma: never a guessed delimiter), each ending in CRLF. Written here
 * rather than by Papa.unparse, with the same quoting, because an export writes millions of fields.
 */
export function csvLines(rows: readonly Cell[][]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += i ? `,${csvField(row[i])}` : csvField(row[i]);
    out += '\r\n';
  }
  return out;
}

/** `customers-2026-12-02.csv`: the date is today in the installation's time zone. */
export function exportFileName(entity: EntityDef, format: string, ctx: Pick<ExportContext, 'timeZone'>, now = Date.now()): string {
  return `${entity.path}-${localDate(now, ctx.timeZone)}.${format}`;
}

/** CSV, UTF-8 with a BOM so spreadsheet programs read Korean and Chinese correctly; a page of rows per chunk, read as the client takes them. */
export function exportCsv(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], ctx: ExportContext): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${csvLines([headers(entity, columns, ctx)])}`;
    for await (const rows of exportBatches(db, entity, p, columns, false, ctx)) if (rows.length) yield csvLines(rows);
  }
  // One page in the stream's buffer at most: memory stays flat however many rows follow.
  return Readable.from(lines(), { objectMode: false, highWaterMark: 1 });
}

/** XLSX written as a stream (xlsx-stream.ts): numbers stay numbers, dates are real dates, memory stays one page. */
export function exportXlsx(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], ctx: ExportContext): Readable {
  const titles = headers(entity, columns, ctx);
  const cols = titles.map((h, i) => ({ header: h, width: Math.min(40, Math.max(10, h.length + 4)), numFmt: columnStyle(entity.allFields[columns[i]], ctx.currency).numFmt }));
  return xlsxStream(sheetName(translate(ctx.locale, entity.pluralLabel, entity.path)), cols, exportBatches(db, entity, p, columns, true, ctx));
}

/**
 * An Excel sheet name from any title: at most 31 characters (a character is never split in two),
 * none of : \ / ? * [ ], not starting or ending with an apostrophe, not "History" (Excel keeps
 * it): ExcelJS throws on each of these. Control characters, which XML cannot hold, become spaces.
 */
export function sheetName(title: string): string {
  let name = '';
  for (const ch of title.replace(/[:\\/?*[\]\p{Cc}]/gu, ' ')) {
    if (name.length + ch.length > 31) break;
    name += ch;
  }
  name = name.replace(/^[\s']+|[\s']+$/g, '');
  return name && name.toLowerCase() !== 'history' ? name : 'Sheet1';
}

/** The columns of a lines table in an export, with the i18n keys of their titles. */
const LINE_COLUMNS = [
  ['position', 'line.number'], ['product', 'line.product'], ['description', 'line.description'], ['quantity', 'line.quantity'],
  ['unitPrice', 'line.unitPrice'], ['discountPercent', 'line.discountPercent'], ['amount', 'line.amount'],
] as const;

/**
 * One record as a sheet (M8.d: one opportunity with its lines; a sale): its fields as label /
 * value rows, then each lines field as a table with its total. Built in memory: one record.
 */
function recordSheet(entity: EntityDef, record: ApiRecord, ctx: ExportContext, asDates: boolean): { fields: Cell[][]; tables: { title: string; rows: Cell[][]; total: Cell[] }[] } {
  const fields = entity.exportColumns.map((c) => [headers(entity, [c], ctx)[0], cell(entity, record, c, asDates, ctx)]);
  const money = (minor: number) => toMajor(minor, ctx.currency);
  const tables = linesFields(entity).map(([name, f]) => {
    const lines = (record[name] as Line[] | undefined) ?? [];
    const title = translate(ctx.locale, f.label, name);
    const head = LINE_COLUMNS.map(([c, key]) => {
      const t = translate(ctx.locale, key, c);
      return c === 'unitPrice' || c === 'amount' ? `${t} (${ctx.currency.code})` : t;
    });
    const rows: Cell[][] = [head, ...lines.map((l, i) => [
      i + 1, l._labels.productId === null ? null : neutralise(l._labels.productId), l.description === null ? null : neutralise(l.description),
      l.quantity, money(l.unitPrice), l.discountPercent, money(l.amount),
    ])];
    const total = lines.reduce((s, l) => s + l.amount, 0);
    return { title, rows, total: [null, null, null, null, null, translate(ctx.locale, 'line.total', 'Total'), money(total)] };
  });
  return { fields, tables };
}

export function recordFileName(entity: EntityDef, record: ApiRecord, format: string): string {
  const title = String(record[entity.titleField] ?? record.id).replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60);
  return `${entity.name}-${title || record.id}.${format}`;
}

export function exportRecordCsv(entity: EntityDef, record: ApiRecord, ctx: ExportContext): string {
  const { fields, tables } = recordSheet(entity, record, ctx, false);
  let text = `\uFEFF${csvLines(fields)}`;
  for (const t of tables) text += `\r\n${csvLines([[t.title]])}${csvLines([...t.rows, t.total])}`;
  return text;
}

export async function exportRecordXlsx(entity: EntityDef, record: ApiRecord, ctx: ExportContext): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(sheetName(String(record[entity.titleField] ?? translate(ctx.locale, entity.label, entity.name))));
  const { fields, tables } = recordSheet(entity, record, ctx, true);
  ws.getColumn(1).width = 24;
  for (const c of [2, 3]) ws.getColumn(c).width = 30;
  for (const c of [4, 5, 6, 7]) ws.getColumn(c).width = 16;
  const moneyFmt = spreadsheetMoneyFormat(ctx.currency);
  entity.exportColumns.forEach((c, i) => {
    const row = ws.addRow(fields[i]);
    row.getCell(1).font = { bold: true };
    const style = columnStyle(entity.allFields[c], ctx.currency);
    if (style.numFmt) row.getCell(2).numFmt = style.numFmt;
  });
  for (const t of tables) {
    ws.addRow([]);
    ws.addRow([t.title]).font = { bold: true, size: 12 };
    t.rows.forEach((r, i) => {
      const row = ws.addRow(r);
      if (i === 0) row.font = { bold: true };
      else for (const c of [5, 7]) row.getCell(c).numFmt = moneyFmt;
    });
    const total = ws.addRow(t.total);
    total.font = { bold: true };
    total.getCell(7).numFmt = moneyFmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
