/**
 * The import pipeline's shapes (issue 16), shared by the server (core/import) and the web wizard:
 * the options a job runs with, the job as the API reports it, and a row of its report.
 */
export type ImportMode = 'create' | 'update' | 'upsert';
export type MultipleMatches = 'error' | 'first' | 'skip';
export type ImportFormatName = 'csv' | 'xlsx' | 'vcard';
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'cp949', 'gb18030', 'big5', 'shift_jis'] as const;
/** What an import reads and how it writes; every field has a default but `matchOn` in update modes. */
export interface ImportOptions {
  uploadId?: string;              // a file already sent to /import/preview (instead of a `file` part)
  format?: ImportFormatName;      // detected when absent
  encoding?: string;              // 'auto' (default) or one of IMPORT_ENCODINGS
  delimiter?: string;             // ',', ';', '\t', '|'; detected when absent
  sheet?: string;                 // XLSX sheet name; first sheet by default
  mapping?: Record<string, string | null>;  // column header -> field name (null/absent = ignore); absent = automatic
  constants?: Record<string, string>;       // field -> value (text, read like a cell) for every row
  mode?: ImportMode;              // default 'create'
  matchOn?: string[];             // fields; required for update/upsert (e.g. ['code'], ['email'], ['name','city'])
  multipleMatches?: MultipleMatches; // default 'error'
  createMissingValues?: boolean;  // dictionary values not found are created
  locale?: 'en' | 'ko' | 'zh-CN'; // how dates/numbers/yes-no are read; default: the request's locale
  dateOrder?: 'ymd' | 'mdy' | 'dmy'; // default from locale: en mdy, ko/zh-CN ymd
  skipDuplicates?: boolean;       // rows that look like an existing record (duplicates check) are skipped instead of warned
  dryRun?: boolean;
}
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted' | 'reverted';
export interface ImportCounts { rows: number; created: number; updated: number; unchanged: number; skipped: number; errors: number; warnings: number }
export interface ImportJob {
  id: number; entity: string; fileName: string; format: ImportFormatName; encoding: string | null;
  status: ImportStatus; dryRun: boolean; options: ImportOptions; mapping: Record<string, string | null>;
  counts: ImportCounts;
  progress: { bytes: number; totalBytes: number; rowsPerSecond: number | null; secondsLeft: number | null };
  landedThroughRow: number;        // rows 1..N (data rows, 1-based) are committed
  message: string | null;          // why it failed / was interrupted, in plain words
  createdBy: number | null; createdByName: string | null;
  createdAt: string; startedAt: string | null; finishedAt: string | null;
  revertedAt: string | null;
  revertKept: number;              // records edited after the import, left as they are by revert
}
export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'skip' | 'error';
export interface ImportRowReport {
  row: number;                     // 1-based data row number in the file (header not counted)
  action: ImportRowAction;
  recordId: number | null;
  issues: { field: string; message: string }[];   // errors; for skip the reason; warnings (duplicates) too
  duplicates?: { id: number; title: string; score: number }[];
  cells: string[];                 // the row as read
}
export interface ImportPreview {
  uploadId: string; fileName: string; format: ImportFormatName;
  encoding: string | null; encodingCandidates: string[]; delimiter: string | null; sheets: string[]; sheet: string | null;
  headers: string[]; sampleRows: string[][];  // first 20 data rows
  mapping: Record<string, string | null>;     // suggested
  fields: { name: string; label: string; kind: string; required: boolean; importable: boolean }[];
  matchCandidates: string[][];                // suggested matchOn choices, e.g. [['code'],['email'],['name','city']]
}
export interface ImportTemplate { id: number; entity: string; name: string; mapping: Record<string, string | null>; constants: Record<string, string>; mode: ImportMode; matchOn: string[]; createdAt: string }
