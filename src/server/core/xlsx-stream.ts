import type { Readable } from 'node:stream';
import { zipStream, type ZipEntry } from './zip-stream.js';

export type XlsxCell = string | number | boolean | Date | null;
export interface XlsxColumn { header: string; width: number; numFmt?: string }

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's day 0 is 1899-12-30; the Unix epoch is its day 25569. */
const EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;
const FIRST_CUSTOM_FORMAT = 164;
/** Styles 0 (plain) and 1 (bold header) come first; each distinct number format gets the next. */
const BOLD = 1;

// XML cannot hold most control characters: dropped, as ExcelJS drops them.
const XML_SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const XML_SPECIAL_ALL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xmlText = (s: string) => (XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (c) => ENTITIES[c] ?? '') : s);

/** A, B, …, Z, AA, AB, … */
function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) { const r = (n - 1) % 26; out = String.fromCharCode(65 + r) + out; n = Math.floor((n - 1) / 26); }
  return out;
}

const once = (text: string): Buffer[] => [Buffer.from(text, 'utf8')];

function stylesXml(formats: readonly string[]): string {
  const numFmts = formats.map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${xmlText(f)}"/>`).join('');
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    ...formats.map((_, i) => `<xf numFmtId="${FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
  ];
  return `${XML}<styleSheet xmlns="${MAIN}">${formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : ''}`
    + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
}

/**
 * One sheet of rows as an .xlsx, written while the rows arrive (zip-stream.ts): inline strings
 * (no shared-string table to keep), numbers and booleans as such, dates as serial numbers in
 * their column's date format, a bold header row. Memory is one batch of rows at a time.
 */
export function xlsxStream(sheetName: string, columns: readonly XlsxColumn[], batches: AsyncIterable<XlsxCell[][]>): Readable {
  const formats = Array.from(new Set(columns.map((c) => c.numFmt).filter((f): f is string => Boolean(f))));
  const styleOf = columns.map((c) => (c.numFmt ? 2 + formats.indexOf(c.numFmt) : 0));
  const letters = columns.map((_, i) => columnLetters(i));
  let rowNumber = 1;

  const cellXml = (v: XlsxCell, i: number): string => {
    if (v === null || v === undefined) return '';
    const s = styleOf[i] ? ` s="${styleOf[i]}"` : '';
    const ref = `${letters[i]}${rowNumber}`;
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
    if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Date) {
      const ms = v.getTime();
      return Number.isNaN(ms) ? '' : `<c r="${ref}"${s}><v>${EPOCH_DAYS + ms / DAY_MS}</v></c>`;
    }
    const text = xmlText(v);
    const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
  };

  async function* sheet(): AsyncGenerator<Buffer> {
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${styleOf[i] ? ` style="${styleOf[i]}"` : ''}/>`).join('');
    const header = columns.map((c, i) => `<c r="${letters[i]}1" s="${BOLD}" t="inlineStr"><is><t>${xmlText(c.header)}</t></is></c>`).join('');
    yield Buffer.from(`${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews>`
      + `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData><row r="1">${header}</row>`, 'utf8');
    for await (const rows of batches) {
      let xml = '';
      for (const row of rows) {
        rowNumber++;
        let cells = '';
        for (let i = 0; i < row.length; i++) cells += cellXml(row[i], i);
        xml += `<row r="${rowNumber}">${cells}</row>`;
      }
      if (xml) yield Buffer.from(xml, 'utf8');
    }
    yield Buffer.from('</sheetData></worksheet>', 'utf8');
  }

  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: once(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>') },
    { name: '_rels/.rels', data: once(`${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: once(`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: once(`${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`
      + `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: once(stylesXml(formats)) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet() },
  ];
  return zipStream(entries);
}
