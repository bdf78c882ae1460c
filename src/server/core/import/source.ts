import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportFormatName, ImportOptions, ImportPreview } from '../../../shared/import.js';
import type { Database } from '../../db/database.js';
import { badRequest } from '../errors.js';
import { tableFormat } from '../formats.js';
import type { Locale } from '../list-params.js';
import { decodeSample, detectEncoding, isImportEncoding, type ImportEncoding } from './decode.js';
import { fieldChoices, matchCandidates, suggestMapping } from './mapping.js';
import { csvReader, wholeTextReader, xlsxReader, type TableReader } from './readers.js';
import { DELIMITERS, sniffDelimiter, sniffFormat } from './sniff.js';
import { uploadHead, uploadStream, type UploadInfo } from './upload-store.js';

/** How a file is read: its format, and for text its encoding and delimiter (chosen, else detected). */
export interface Reading { format: ImportFormatName; encoding: ImportEncoding | null; candidates: ImportEncoding[]; delimiter: string | null }

const FALLBACK: Record<Locale, ImportEncoding> = { en: 'cp949', ko: 'cp949', 'zh-CN': 'gb18030' };

/** Works out how to read an upload; what the options name wins over what the bytes suggest. */
async function readingOf(db: Database, upload: UploadInfo, options: Pick<ImportOptions, 'format' | 'encoding' | 'delimiter'>, locale: Locale): Promise<Reading> {
  const head = await uploadHead(db, upload.id);
  const detected = detectEncoding(head, FALLBACK[locale]);
  if (options.encoding && options.encoding !== 'auto' && !isImportEncoding(options.encoding)) {
    throw badRequest(`Unknown encoding "${String(options.encoding).slice(0, 40)}"`, [{ field: 'encoding', message: 'is not an encoding an import reads' }]);
  }
  const encoding = options.encoding && options.encoding !== 'auto' && isImportEncoding(options.encoding) ? options.encoding : detected.encoding;
  const text = decodeSample(head, encoding);
  const format = options.format ?? sniffFormat(head, upload.fileName, text, upload.entity);
  if (format === 'xlsx') return { format, encoding: null, candidates: [], delimiter: null };
  if (format !== 'csv') {
    if (!tableFormat(upload.entity, format)) throw badRequest(`A ${format} file cannot be imported here`, [{ field: 'format', message: `is not a format ${upload.entity} records are imported from` }]);
    return { format, encoding, candidates: detected.candidates, delimiter: null };
  }
  if (options.delimiter !== undefined && !(DELIMITERS as readonly string[]).includes(options.delimiter)) {
    throw badRequest('The delimiter must be a comma, semicolon, tab or pipe', [{ field: 'delimiter', message: 'is not a delimiter an import reads' }]);
  }
  const candidates = detected.candidates.includes(encoding) ? detected.candidates : [encoding, ...detected.candidates];
  return { format, encoding, candidates, delimiter: options.delimiter ?? sniffDelimiter(text) };
}

/** The upload as a table, read from the database as it is parsed. */
export async function openTable(db: Database, uploadId: string, format: string, options: ImportOptions, encoding: string | null, entityName: string): Promise<{ reader: TableReader }> {
  const raw = uploadStream(db, uploadId);
  if (format === 'xlsx') return { reader: await xlsxReader(raw, options.sheet ?? null) };
  const enc = isImportEncoding(encoding) ? encoding : 'utf-8';
  const module = format === 'csv' ? undefined : tableFormat(entityName, format);
  if (module) return { reader: await wholeTextReader(raw, enc, module) };
  return { reader: csvReader(raw, enc, options.delimiter ?? ',') };
}

/** The first rows of an upload read as the options say, with the mapping and match fields Rapport suggests. */
export async function previewUpload(db: Database, entity: EntityDef, upload: UploadInfo, options: ImportOptions, locale: Locale): Promise<ImportPreview> {
  const reading = await readingOf(db, upload, options, locale);
  const { reader } = await openTable(db, upload.id, reading.format, { ...options, delimiter: reading.delimiter ?? undefined }, reading.encoding, upload.entity);
  try {
    const headers = await reader.headers();
    const sampleRows: string[][] = [];
    for await (const row of reader.rows()) {
      sampleRows.push(row.map((c) => c.slice(0, 500)));
      if (sampleRows.length >= 20) break;
    }
    const sheets = reader.sheets();
    return {
      uploadId: upload.id, fileName: upload.fileName, format: reading.format, encoding: reading.encoding, encodingCandidates: reading.candidates,
      delimiter: reading.delimiter, sheets, sheet: reading.format === 'xlsx' ? options.sheet ?? sheets[0] ?? null : null,
      headers, sampleRows, mapping: suggestMapping(entity, headers), fields: fieldChoices(entity, locale), matchCandidates: matchCandidates(entity),
    };
  } catch (e) {
    throw badRequest(`The file could not be read as ${reading.format.toUpperCase()}: ${e instanceof Error ? e.message.slice(0, 200) : 'unreadable'}`, [{ field: 'file', message: 'could not be read' }]);
  } finally {
    reader.close();
  }
}
