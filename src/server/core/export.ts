import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database } from '../db/database.js';
import { enumLabel, translate } from './i18n.js';
import { toApiRecords } from './decorate.js';
import type { ListParams, Locale } from './list-params.js';
import { ListQuery } from './list-query.js';
import type { ApiRecord } from './record-mapper.js';

const BATCH = 1000;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A spreadsheet must not run what a user typed: text that looks like a formula gets a leading quote. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

type Cell = string | number | boolean | Date | null;

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

async function* exportRows(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[], asDates: boolean): AsyncGenerator<Cell[]> {
  for await (const records of recordPages(db, entity, p)) {
    for (const r of records) yield columns.map((c) => cell(entity, r, c, asDates, p.locale));
  }
}

function cell(entity: EntityDef, r: ApiRecord, c: string, asDates: boolean, locale: Locale): Cell {
  const v = r[c];
  if (v === null || v === undefined) return null;
  const labels = r._labels as Record<string, string | string[] | null> | undefined;
  const label = labels?.[c];
  if (Array.isArray(label)) return neutralise(label.join(', '));
  if (label !== undefined) return neutralise(label ?? String(v));
  const kind = entity.allFields[c].kind;
  if (kind === 'enum') return neutralise(enumLabel(locale, entity.name, c, String(v)));
  if (asDates && kind === 'datetime') return new Date(String(v));
  if (asDates && kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (typeof v === 'string') return neutralise(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return neutralise(String(v));
}

function headers(entity: EntityDef, columns: readonly string[], p: ListParams): string[] {
  return columns.map((c) => translate(p.locale, entity.allFields[c].label, c));
}

export function exportFileName(entity: EntityDef, format: string): string {
  return `${entity.path}-${new Date().toISOString().slice(0, 10)}.${format}`;
}

/** CSV, UTF-8 with a BOM so spreadsheet programs read Korean and Chinese correctly. */
export function exportCsv(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[]): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${Papa.unparse([headers(entity, columns, p)], { delimiter: ',', newline: '\r\n' })}\r\n`;
    let batch: Cell[][] = [];
    for await (const row of exportRows(db, entity, p, columns, false)) {
      batch.push(row);
      if (batch.length === BATCH) { yield `${Papa.unparse(batch, { delimiter: ',', newline: '\r\n' })}\r\n`; batch = []; }
    }
    if (batch.length) yield `${Papa.unparse(batch, { delimiter: ',', newline: '\r\n' })}\r\n`;
  }
  return Readable.from(lines());
}

/** XLSX written as a stream: numbers stay numbers, dates are real dates. */
export function exportXlsx(db: Database, entity: EntityDef, p: ListParams, columns: readonly string[]): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet(translate(p.locale, entity.pluralLabel, entity.path).slice(0, 31));
      ws.columns = headers(entity, columns, p).map((h, i) => ({
        header: h, key: columns[i], width: Math.min(40, Math.max(10, h.length + 4)),
        style: ['date', 'datetime'].includes(entity.allFields[columns[i]].kind)
          ? { numFmt: entity.allFields[columns[i]].kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' } : {},
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for await (const row of exportRows(db, entity, p, columns, true)) ws.addRow(row).commit();
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}
