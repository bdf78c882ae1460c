import type { EntityDef } from '../../../shared/entity/define.js';
import { duplicateRuleFields } from '../../../shared/duplicate-rules.js';

/** Whether the server can find duplicates of the entity at all: without a rule field, the list offers no Find duplicates and a new record is saved without asking. */
export function hasDuplicateRules(entity: EntityDef): boolean {
  return duplicateRuleFields(entity).length > 0;
}
