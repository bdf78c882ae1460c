import type { EntityDef } from './entity/define.js';

export type RuleName = 'email' | 'phone' | 'website' | 'name';

/**
 * Which fields of an entity the duplicate finder compares, and by which rule, from field kinds:
 * every email, phone and url field, and the title field when it is text people type (not an
 * automatic number like a sale's, which is unique anyway). The server keys them; the web offers
 * Find duplicates and the check before saving only where there is at least one.
 */
export function duplicateRuleFields(entity: EntityDef): { field: string; rule: RuleName }[] {
  const out: { field: string; rule: RuleName }[] = [];
  for (const [field, f] of Object.entries(entity.fields)) {
    if (f.kind === 'email') out.push({ field, rule: 'email' });
    else if (f.kind === 'phone') out.push({ field, rule: 'phone' });
    else if (f.kind === 'url') out.push({ field, rule: 'website' });
  }
  const title = entity.fields[entity.titleField];
  if (title && title.kind === 'text' && entity.autoCode?.field !== entity.titleField) out.push({ field: entity.titleField, rule: 'name' });
  return out;
}
