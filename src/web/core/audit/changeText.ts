import type { EntityDef } from '../../../shared/entity/define.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { AuditChange } from './auditApi.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A changed field's name: its label where the entity declares it, else the name the server gave. */
export function fieldLabel(entity: EntityDef | undefined, field: string, t: Translate): string {
  const def = entity?.allFields[field];
  return def ? t(def.label) : field;
}

/** One side of a change as text: the server's label (a customer's name, a stage) where given, else the field's display. */
export function sideText(entity: EntityDef | undefined, format: Formatter | null, change: AuditChange, side: 'before' | 'after', t: Translate): string {
  const label = side === 'before' ? change.beforeLabel : change.afterLabel;
  if (typeof label === 'string' && label !== '') return label;
  const value = change[side];
  if (value === null || value === undefined || value === '') return t('list.empty');
  // Lines (an opportunity's products) are told by their number; the record shows them whole.
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) return t('changes.lines', { count: value.length });
  if (entity && format && entity.allFields[change.field]) return format(change.field, value) || t('list.empty');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
