import type { Kysely } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { DbSchema } from '../db/database.js';
import { computedLoader } from './computed.js';
import { isLabelled, LabelLookup, localLabel } from './labels.js';
import type { Locale } from './list-params.js';
import { fromRow, type ApiRecord, type Row } from './record-mapper.js';
import { loadLines, linesOf } from './line-items.js';
import { loadLinks } from './references.js';
import { loadRollup } from './rollup.js';

/**
 * Rows as the API returns them, a page at a time: stored values, translatable text in the
 * request's locale, `references` id sets, computed values, and `_labels` (the display text
 * of every dictionary, reference and references field). A fixed number of queries per page
 * (one per references field, computed field and label source), never one per row.
 * `lines`: single-record reads carry the record's line items; list pages leave them out.
 */
export async function toApiRecords(executor: Kysely<DbSchema>, entity: EntityDef, rows: readonly Row[], locale: Locale, opts: { lines?: boolean } = {}): Promise<ApiRecord[]> {
  const records = rows.map((r) => fromRow(entity, r));
  const ids = records.map((r) => r.id);
  const fields = Object.entries(entity.allFields);
  for (const [name, f] of fields) {
    if (f.translatable) {
      const col = `${entity.columnOf(name)}_labels`;
      records.forEach((r, i) => { if (typeof r[name] === 'string') r[name] = localLabel(rows[i][col], r[name] as string, locale); });
    } else if (f.kind === 'references') {
      const links = ids.length ? await loadLinks(executor, f, ids) : new Map<number, number[]>();
      for (const r of records) r[name] = links.get(r.id) ?? [];
    } else if (f.kind === 'lines') {
      if (!opts.lines) continue;
      const lines = ids.length ? await loadLines(executor, linesOf(f), ids) : new Map();
      for (const r of records) r[name] = lines.get(r.id) ?? [];
    } else if (f.kind === 'computed' && f.rollup) {
      const sums = await loadRollup(executor, f, ids);
      for (const r of records) r[name] = sums.get(r.id) ?? 0;
    } else if (f.kind === 'computed' && f.derive) {
      const derive = f.derive;
      for (const r of records) r[name] = derive(r) ?? null;
    } else if (f.kind === 'computed') {
      const loader = computedLoader(entity.name, name);
      const values = loader && ids.length ? await loader(executor, ids) : new Map<number, unknown>();
      for (const r of records) r[name] = values.get(r.id) ?? null;
    }
  }
  const lookup = new LabelLookup(locale);
  const labelled = fields.filter(([, f]) => isLabelled(f));
  for (const [name, f] of labelled) lookup.add(f, records.flatMap((r) => (Array.isArray(r[name]) ? (r[name] as unknown[]) : [r[name]])));
  await lookup.resolve(executor);
  for (const r of records) {
    const labels: Record<string, string | null | string[]> = {};
    for (const [name, f] of labelled) {
      const v = r[name];
      labels[name] = Array.isArray(v) ? v.map((id) => lookup.get(f, id) ?? String(id)) : v === null ? null : lookup.get(f, v);
    }
    r._labels = labels;
  }
  return records;
}
