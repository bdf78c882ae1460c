import type { ImportMode, ImportOptions, ImportPreview, MultipleMatches } from '../../../shared/import.js';
import { defaultDateOrder, importLocale, type DateOrder } from './importChoices.js';

export type Mapping = Record<string, string | null>;
export type PreviewField = ImportPreview['fields'][number];

/** One constant value row as the user edits it (a field not chosen yet is null). */
export interface ConstantRow {
  field: string | null;
  value: string;
}

/** The Options step. */
export interface ImportSettings {
  mode: ImportMode;
  matchOn: string[];
  multipleMatches: MultipleMatches;
  createMissingValues: boolean;
  dateOrder: DateOrder;
  skipDuplicates: boolean;
}

export const initialSettings = (language: string, preview: ImportPreview | null): ImportSettings => ({
  mode: 'create',
  matchOn: preview?.matchCandidates[0] ?? [],
  multipleMatches: 'error',
  createMissingValues: false,
  dateOrder: defaultDateOrder(language),
  skipDuplicates: false,
});

/** The fields a column may go to (the server says which take imported values). */
export const importableFields = (preview: ImportPreview): PreviewField[] => preview.fields.filter((f) => f.importable);

/** Fields chosen for more than one column. */
export function fieldsUsedTwice(mapping: Mapping, constants: readonly ConstantRow[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const f of [...Object.values(mapping), ...constants.map((c) => c.field)]) {
    if (!f) continue;
    if (seen.has(f)) twice.add(f);
    seen.add(f);
  }
  return twice;
}

/** Required fields neither a column nor a constant gives (a create would fail on every row). */
export function requiredMissing(preview: ImportPreview, mapping: Mapping, constants: readonly ConstantRow[]): PreviewField[] {
  const given = new Set([...Object.values(mapping), ...constants.map((c) => c.field)]);
  return importableFields(preview).filter((f) => f.required && !given.has(f.name));
}

/** Everything the job is started with. */
export function optionsOf(preview: ImportPreview, mapping: Mapping, constants: readonly ConstantRow[], settings: ImportSettings, language: string, dryRun: boolean): ImportOptions {
  const constantValues: Record<string, string> = {};
  for (const c of constants) if (c.field) constantValues[c.field] = c.value;
  return {
    uploadId: preview.uploadId,
    format: preview.format,
    encoding: preview.encoding ?? undefined,
    delimiter: preview.delimiter ?? undefined,
    sheet: preview.sheet ?? undefined,
    // Every column is named: one left out is ignored, not matched automatically.
    mapping: Object.fromEntries(preview.headers.map((h) => [h, mapping[h] ?? null])),
    constants: constantValues,
    mode: settings.mode,
    matchOn: settings.mode === 'create' ? undefined : settings.matchOn,
    multipleMatches: settings.multipleMatches,
    createMissingValues: settings.createMissingValues,
    locale: importLocale(language),
    dateOrder: settings.dateOrder,
    skipDuplicates: settings.skipDuplicates,
    dryRun,
  };
}
