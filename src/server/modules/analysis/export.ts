import type { FastifyReply } from 'fastify';
import { analysisTables, type AnalysisResult, type AnalysisTable, type ColumnKind } from '../../../shared/analysis-tables.js';
import { spreadsheetMoneyFormat, toMajor, type Currency } from '../../../shared/money.js';
import type { Database } from '../../db/database.js';
import { installationCurrency } from '../../core/currency.js';
import { loadExcel } from '../../core/lazy-packages.js';
import { csvLines, neutralise, sheetName, type Cell } from '../../core/export.js';
import { translateWith } from '../../core/i18n.js';
import type { Clock } from '../../core/installation.js';
import type { Locale } from '../../core/list-params.js';
import { localDate } from '../../core/time-zones.js';

const DAY_SECONDS = 86_400;

/** A cell as a spreadsheet holds it: money in major units, shares as fractions (XLSX shows them as %), times in days. */
function cellOf(v: string | number | null, kind: ColumnKind, currency: Currency, forCsv: boolean): Cell {
  if (v === null) return null;
  if (typeof v === 'string') return neutralise(v);
  switch (kind) {
    case 'money': return toMajor(v, currency);
    case 'share': case 'change': return forCsv ? Math.round(v * 10_000) / 100 : v;
    case 'duration': return Math.round((v / DAY_SECONDS) * 10) / 10;
    default: return v;
  }
}

/** A column's title, with its unit where the number alone would not say it (a currency, %, days). */
function titleOf(title: string, kind: ColumnKind, currency: Currency, forCsv: boolean, locale: Locale): string {
  if (kind === 'money') return `${title} (${currency.code})`;
  if ((kind === 'share' || kind === 'change') && forCsv) return `${title} (%)`;
  if (kind === 'duration') return `${title} (${translateWith(locale, 'analysis.unit.days')})`;
  return neutralise(title);
}

function tableRows(t: AnalysisTable, currency: Currency, forCsv: boolean, locale: Locale): Cell[][] {
  const row = (cells: AnalysisTable['rows'][number]) => cells.map((c, i) => cellOf(c.value, t.columns[i]?.kind ?? 'text', currency, forCsv));
  return [t.columns.map((c) => titleOf(c.title, c.kind, currency, forCsv, locale)), ...t.rows.map(row), ...(t.footer ? [row(t.footer)] : [])];
}

/**
 * An analysis's tables as a file (`format=csv|xlsx`): the same rows the page shows under its chart.
 * CSV: each table under its title, UTF-8 with a BOM; XLSX: a sheet per table with money, % and
 * number formats. Text (a customer's name) is neutralised so no spreadsheet runs it.
 */
export async function sendAnalysisExport(db: Database, reply: FastifyReply, result: AnalysisResult, format: 'csv' | 'xlsx', locale: Locale, clock: Clock): Promise<FastifyReply> {
  const currency = await installationCurrency(db.kysely);
  const tables = analysisTables(result, locale, (k, v) => translateWith(locale, k, v));
  const name = `${result.analysis}-${result.period.from}-${result.period.to}-${localDate(clock.now, clock.timeZone)}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'csv') {
    const parts = tables.map((t) => csvLines([[neutralise(t.title)], ...tableRows(t, currency, true, locale)]));
    reply.type('text/csv; charset=utf-8');
    return reply.send(`\uFEFF${parts.join('\r\n')}`);
  }
  const wb = new (await loadExcel()).Workbook();
  const used = new Set<string>();
  for (const t of tables) {
    let sheet = sheetName(t.title);
    for (let n = 2; used.has(sheet.toLowerCase()); n++) sheet = sheetName(`${t.title.slice(0, 27)} ${n}`);
    used.add(sheet.toLowerCase());
    const ws = wb.addWorksheet(sheet);
    for (const r of tableRows(t, currency, false, locale)) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    if (t.footer) ws.getRow(t.rows.length + 2).font = { bold: true };
    t.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.kind === 'text' ? 28 : 16;
      if (c.kind === 'money') col.numFmt = spreadsheetMoneyFormat(currency);
      if (c.kind === 'share' || c.kind === 'change') col.numFmt = '0.0%';
      if (c.kind === 'count') col.numFmt = '#,##0';
    });
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return reply.send(Buffer.from(await wb.xlsx.writeBuffer()));
}
