import type { Readable } from 'node:stream';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database } from '../db/database.js';
import type { ListParams, Locale } from './list-params.js';
import type { Actor } from './records.js';

type RawQuery = Record<string, string | string[] | undefined>;

/**
 * Further export and import formats, per entity, that a module provides (contacts: vCard).
 * Core's routes look them up by name, so core still names no entity.
 */
export interface ExportFormat {
  readonly contentType: string;
  /** Query parameters of this format besides the list's (e.g. `version`). */
  readonly options?: readonly string[];
  /** The file: every record the list parameters match. */
  write(db: Database, entity: EntityDef, params: ListParams, query: RawQuery): Readable;
}

export interface ImportContext {
  readonly db: Database;
  readonly entity: EntityDef;
  /** The request body as text (the content-type parsers keep import bodies as strings). */
  readonly body: string;
  readonly query: RawQuery;
  readonly actor: Actor;
  readonly locale: Locale;
}

export interface ImportFormat {
  /** Media types (without parameters) that mean this format. */
  readonly contentTypes: readonly string[];
  /** Query parameters it reads (`dryRun`, ...). */
  readonly options?: readonly string[];
  /** Runs the import (in one transaction) and returns its report. */
  run(ctx: ImportContext): Promise<unknown>;
}

/**
 * A file format a module reads as a table for the generic import (vCard for contacts): the
 * pipeline then maps, checks, writes, reports and reverts it like a CSV. Such files are small
 * (a card per person), so they are read whole.
 */
export interface TableFormat {
  /** Whether the decoded start of a file is in this format. */
  sniff(text: string, fileName: string): boolean;
  /** The file's rows under headers the automatic mapping knows (field names or labels). */
  read(text: string): { headers: string[]; rows: string[][] };
}

const tableFormats = new Map<string, TableFormat>();

export function registerTableFormat(entityName: string, format: string, f: TableFormat): void {
  tableFormats.set(`${entityName}:${format}`, f);
}

export function tableFormat(entityName: string, format: string): TableFormat | undefined {
  return tableFormats.get(`${entityName}:${format}`);
}

/** The module format a file is in, by its decoded start. */
export function sniffTableFormat(entityName: string, text: string, fileName: string): string | undefined {
  for (const [k, f] of tableFormats) if (k.startsWith(`${entityName}:`) && f.sniff(text, fileName)) return k.slice(entityName.length + 1);
  return undefined;
}

const exporters = new Map<string, ExportFormat>();
const importers = new Map<string, ImportFormat>();

export function registerExportFormat(entityName: string, format: string, f: ExportFormat): void {
  exporters.set(`${entityName}:${format}`, f);
}

export function registerImportFormat(entityName: string, format: string, f: ImportFormat): void {
  importers.set(`${entityName}:${format}`, f);
}

export function exportFormat(entityName: string, format: string): ExportFormat | undefined {
  return exporters.get(`${entityName}:${format}`);
}

export function exportFormatNames(entityName: string): string[] {
  return Array.from(exporters.keys()).filter((k) => k.startsWith(`${entityName}:`)).map((k) => k.slice(entityName.length + 1));
}

export function importFormatNames(entityName: string): string[] {
  return Array.from(importers.keys()).filter((k) => k.startsWith(`${entityName}:`)).map((k) => k.slice(entityName.length + 1));
}

/** The import format named by `?format=`, else the one whose media type the body has. */
export function importFormat(entityName: string, format: string | undefined, contentType: string): ImportFormat | undefined {
  if (format) return importers.get(`${entityName}:${format}`);
  const media = contentType.split(';')[0].trim().toLowerCase();
  for (const [k, f] of importers) if (k.startsWith(`${entityName}:`) && f.contentTypes.includes(media)) return f;
  return undefined;
}

/** Media types whose bodies reach an import as text. */
export const TEXT_IMPORT_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory', 'text/csv'] as const;
/** An import body may be larger than a JSON request. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
