import { entityByName } from '../../../../shared/entities/registry.js';
import type { EntityDef } from '../../../../shared/entity/define.js';
import { shownKind } from '../../../../shared/entity/field.js';
import type { Database } from '../../../db/database.js';
import { translate } from '../../../core/i18n.js';
import type { Clock } from '../../../core/installation.js';
import { linesOf, loadLines } from '../../../core/line-items.js';
import { parseListParams } from '../../../core/list-params.js';
import { listRecords } from '../../../core/list-service.js';
import { fieldText, formatMoney, formatNumber, type ReportFormat } from './format.js';
import type { ColumnLayout, ReportTable } from './report-types.js';
import { fullAccess } from '../../../auth/access.js';

/** Rows per table: a lab makes a handful; a demo database is summarised by "and N more". */
export const ROW_CAP = 200;

interface TableSpec {
  entity: string;
  /** i18n key of the title (the folder's name, or the report's own where the table is a part of a folder). */
  title: string;
  columns: string[];
  filters?: Record<string, string>;
  sort?: string;
  /** Adds a column with each record's line items (opportunity products). */
  lines?: boolean;
}

/** The records the manual has the student create, in its order (M1–M10). */
const TABLES: readonly TableSpec[] = [
  { entity: 'customer', title: 'nav.customers', columns: ['name', 'code', 'typeId', 'groupIds', 'phone', 'city'] },
  { entity: 'contact', title: 'nav.contacts', columns: ['name', 'customerId', 'isPrimary', 'title', 'mobile', 'email'] },
  { entity: 'activity', title: 'labReport.activitiesEnded', columns: ['subject', 'typeId', 'customerId', 'contactId', 'endedAt', 'outcome'], filters: { 'filter[status]': 'ended' }, sort: 'endedAt' },
  { entity: 'product', title: 'nav.products', columns: ['name', 'code', 'categoryId', 'subcategoryId', 'unitId', 'listPrice'] },
  { entity: 'opportunity', title: 'labReport.opportunitiesWithLines', columns: ['name', 'customerId', 'stageId', 'status', 'expectedCloseDate', 'amount'], lines: true },
  { entity: 'sale', title: 'nav.sales', columns: ['number', 'orderDate', 'customerId', 'statusId', 'total'] },
  { entity: 'serviceFeedback', title: 'nav.service-feedback', columns: ['number', 'subject', 'customerId', 'typeId', 'statusId', 'receivedAt'] },
  { entity: 'expense', title: 'nav.expenses', columns: ['date', 'description', 'categoryId', 'subcategoryId', 'amount', 'status'] },
];

const NUMERIC = new Set(['money', 'integer', 'decimal', 'percent']);
const SHORT = new Set(['date', 'datetime', 'enum', 'boolean']);
const layoutOf = (kind: string): ColumnLayout => (NUMERIC.has(kind) ? 'number' : SHORT.has(kind) ? 'short' : 'text');

async function recordTable(db: Database, spec: TableSpec, clock: Clock, f: ReportFormat): Promise<ReportTable> {
  const entity: EntityDef | undefined = entityByName(spec.entity);
  if (!entity) throw new Error(`lab report names an unknown entity ${spec.entity}`);
  // Through the list service, as the lists read them: labels translated, computed values filled, Trash left out;
  // the total capped like a list's, so a demo database of a million customers is not counted exactly.
  const p = parseListParams(entity, { limit: String(ROW_CAP), total: 'capped', sort: spec.sort ?? 'createdAt', locale: f.locale, ...spec.filters }, clock, fullAccess());
  const page = await listRecords(db, entity, p);
  const columns = spec.columns.map((c) => translate(f.locale, entity.allFields[c].label, c));
  const kinds = spec.columns.map((c) => layoutOf(shownKind(entity.allFields[c])));
  let rows = page.items.map((r) => {
    const labels = (r._labels ?? {}) as Record<string, string | string[] | null>;
    return spec.columns.map((c) => fieldText(entity.name, c, entity.allFields[c], r[c], labels[c], f));
  });
  if (spec.lines) {
    const field = entity.allFields.lines;
    columns.push(translate(f.locale, field.label, 'lines'));
    kinds.push('wide');
    const lines = await loadLines(db.kysely, linesOf(field), page.items.map((r) => r.id));
    rows = rows.map((row, i) => [...row, (lines.get(page.items[i].id) ?? [])
      .map((l) => `${l._labels?.productId ?? l.description ?? ''} × ${formatNumber(l.quantity, f, 6)} = ${formatMoney(l.amount, f)}`)
      .join('\n')]);
  }
  return { id: entity.path, title: translate(f.locale, spec.title, spec.title), columns, kinds, rows, more: Math.max(0, (page.total ?? rows.length) - rows.length), moreCapped: page.totalCapped };
}

/** Every table of records the student made, in the manual's order. */
export async function recordTables(db: Database, clock: Clock, f: ReportFormat): Promise<ReportTable[]> {
  const out: ReportTable[] = [];
  for (const spec of TABLES) out.push(await recordTable(db, spec, clock, f));
  return out;
}
