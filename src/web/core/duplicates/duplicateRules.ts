import type { EntityDef } from '../../../shared/entity/define.js';

/**
 * Whether the server can find duplicates of the entity at all (its rules, server/core/duplicates/rules.ts): an
 * email, phone or url field, or a typed title (not an automatic number such as a sale's). Without one, the list
 * offers no Find duplicates and a new record is saved without asking.
 */
export function hasDuplicateRules(entity: EntityDef): boolean {
  if (Object.values(entity.fields).some((f) => f.kind === 'email' || f.kind === 'phone' || f.kind === 'url')) return true;
  return entity.fields[entity.titleField]?.kind === 'text' && entity.autoCode?.field !== entity.titleField;
}
