import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from './lazy-packages.js';
import Papa from 'papaparse';
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
import { isoWithOffset, localDate, writtenOffsetMs } from './time-zones.js';
import type { ApiRecord } from './record-mapper.js';

const BATCH = 1000;
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
    yield await toApiRecords(db.kysely, entity, page.rows, p.locale);
    cursor = page.nextCursor;
  } while (cursor);
}

async function* exportRows(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], asDates: boolean, ctx: ExportContext): AsyncGenerator<Cell[]> {
  for await (const records of recordPages(db, entity, p)) {
    for (const r of records) yield columns.map((c) => cell(entity, r, c, asDates, ctx));
  }
}

/** One value as a spreadsheet cell: labels for references, money in major units (19.99, not 1999), real dates in XLSX. */
function cell(entity: EntityDef, r: ApiRecord, c: string, asDates: boolean, ctx: ExportContext): Cell {
  const v = r[c];
  if (v === null || v === undefined) return null;
  const labels = r._labels as Record<string, string | string[] | null> | undefined;
  const label = labels?.[c];
  if (Array.isArray(label)) return neutralise(label.join(', '));
  if (label !== undefined) return neutralise(label ?? String(v));
  const kind = shownKind(entity.allFields[c]);
  if (kind === 'money' && typeof v === 'number') return toMajor(v, ctx.currency);
  if (kind === 'enum') return neutralise(enumLabel(ctx.locale, entity.name, c, String(v)));
  if (kind === 'datetime') {
    // The installation's wall clock: CSV as ISO 8601 with its offset; XLSX as a date-time cell showing that local time
    // (a spreadsheet cell has no zone, and ExcelJS writes a Date's UTC fields).
    const ms = Date.parse(String(v));
    if (!Number.isNaN(ms)) return asDates ? new Date(ms + writtenOffsetMs(ms, ctx.timeZone)) : isoWithOffset(ms, ctx.timeZone);
  }
  if (asDates && kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (typeof v === 'string') return neutralise(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return neutralise(String(v));
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

/** Rows as CSV lines (CRLF, comma: never a guessed delimiter). */
export const csvLines = (rows: readonly Cell[][]) => `${Papa.unparse(rows as Cell[][], { delimiter: ',', newline: '\r\n' })}\r\n`;

/** `customers-2026-12-02.csv`: the date is today in the installation's time zone. */
export function exportFileName(entity: EntityDef, format: string, ctx: Pick<ExportContext, 'timeZone'>, now = Date.now()): string {
  return `${entity.path}-${localDate(now, ctx.timeZone)}.${format}`;
}

/** CSV, UTF-8 with a BOM so spreadsheet programs read Korean and Chinese correctly. */
export function exportCsv(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], ctx: ExportContext): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${csvLines([headers(entity, columns, ctx)])}`;
    let batch: Cell[][] = [];
    for await (const row of exportRows(db, entity, p, columns, false, ctx)) {
      batch.push(row);
      if (batch.length === BATCH) { yield csvLines(batch); batch = []; }
    }
    if (batch.length) yield csvLines(batch);
  }
  return Readable.from(lines());
}

/** XLSX written as a stream: numbers stay numbers, dates are real dates. */
export function exportXlsx(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], ctx: ExportContext): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const Excel = await loadExcel();
      const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet(sheetName(translate(ctx.locale, entity.pluralLabel, entity.path)));
      ws.columns = headers(entity, columns, ctx).map((h, i) => ({
        header: h, key: columns[i], width: Math.min(40, Math.max(10, h.length + 4)), style: columnStyle(entity.allFields[columns[i]], ctx.currency),
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for await (const row of exportRows(db, entity, p, columns, true, ctx)) ws.addRow(row).commit();
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
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
