import type { ColumnDef } from '@tanstack/react-table';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import type { EntityRecord } from '../records.js';

export interface ColumnMeta {
  field: string;
  def: FieldDef;
}

/** Width in pixels by field kind: compact, but wide enough for typical values. */
function widthOf(field: string, def: FieldDef, entity: EntityDef): number {
  if (field === entity.titleField) return 220;
  // A number the server gives (SF-2026-00042, SO-2026-00001) is shown whole.
  if (field === entity.autoCode?.field) return 150;
  switch (def.kind) {
    case 'email':
    case 'url':
      return 190;
    case 'datetime':
      // "2026. 12. 15. 오후 10:00", "Dec 15, 2026, 10:00 PM": the time must not be cut off; a deadline
      // adds its state ("Dec 3, 2026, 10:03 AM (Due today)"), which the screens story found cut off.
      return def.due ? 280 : 200;
    case 'longtext':
      return 240;
    case 'phone':
      return 145;
    case 'reference':
      return def.reference === 'user' ? 115 : 170;
    case 'references':
      return 170;
    case 'boolean':
      return 135;
    case 'color':
    case 'dictionary':
      return 135;
    case 'money':
      return 125;
    case 'date':
      // "2026. 11. 25.", "2026年11月25日": whole, in every language.
      return 145;
    case 'integer':
    case 'decimal':
    case 'percent':
      return 110;
    default:
      return def.maxLength !== undefined && def.maxLength <= 80 ? 120 : 140;
  }
}

/** Grid columns straight from `entity.listColumns`; the cell renderer lives in the grid. */
export function entityColumns(entity: EntityDef, label: (key: string) => string, visible: (field: string) => boolean = () => true): ColumnDef<EntityRecord>[] {
  // A column of a field hidden from this user is left out (the server sends no values for it).
  return entity.listColumns.filter(visible).map((field) => {
    const def = entity.allFields[field];
    if (!def) throw new Error(`${entity.name}: list column ${field} is not a field`);
    return {
      id: field,
      accessorFn: (row: EntityRecord) => row[field],
      header: label(def.label),
      // Wide enough for its header (and the sort control beside it) in every language, else its kind's width.
      size: Math.max(widthOf(field, def, entity), Math.min(260, Math.round(label(def.label).length * 7.5) + 44)),
      enableSorting: def.kind !== 'longtext' && def.kind !== 'computed' && def.kind !== 'references',
      meta: { field, def } satisfies ColumnMeta,
    };
  });
}
