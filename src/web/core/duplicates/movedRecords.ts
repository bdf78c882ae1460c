import type { EntityDef } from '../../../shared/entity/define.js';
import { ENTITIES } from '../../../shared/entities/registry.js';

/** What points at a record, by kind: the records and links a merge moves to the survivor. */
export interface MovedKind {
  /** i18n key of its name. */
  label: string;
}

/**
 * From the registry, never a list per entity: every entity with a reference to this one (a customer's contacts,
 * activities, sales…), the record's own many-to-many links (group memberships), other entities' links to it (a
 * group's members) and its attachments.
 */
export function movedKinds(entity: EntityDef): MovedKind[] {
  const out: MovedKind[] = [];
  for (const e of ENTITIES) {
    if (e.name === entity.name) continue;
    for (const f of Object.values(e.fields)) {
      if (f.reference !== entity.name) continue;
      out.push({ label: f.kind === 'references' ? f.label : e.pluralLabel });
      break;
    }
  }
  for (const f of Object.values(entity.fields)) if (f.kind === 'references') out.push({ label: f.label });
  if (entity.attachments) out.push({ label: 'duplicates.attachments' });
  return out;
}
