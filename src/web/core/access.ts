import { useMemo } from 'react';
import type { EntityDef } from '../../shared/entity/define.js';
import { useMe, type Action, type FieldRule } from '../auth/useMe.js';

/** What the signed-in user may do with one entity, for the generic pages (buttons, columns, form fields). */
export interface EntityAccess {
  can: (action: Action) => boolean;
  rule: (field: string) => FieldRule;
  /** The field is not hidden from this user (the server leaves hidden fields out of every answer). */
  visible: (field: string) => boolean;
  /** The user may change the field (read-only and hidden fields are refused by the server). */
  writable: (field: string) => boolean;
}

/** The entity's rights from `useMe()`, as the generic list, record page and form ask them. */
export function useEntityAccess(entity: EntityDef): EntityAccess {
  const me = useMe();
  return useMemo(() => accessFor(entity, me.can, me.fieldRule), [entity, me.can, me.fieldRule]);
}

/** The same checks outside a hook (a column list computed from them). */
export function accessFor(entity: EntityDef, can: (entityName: string, action: Action) => boolean, fieldRule: (entityName: string, field: string) => FieldRule): EntityAccess {
  const rule = (field: string) => fieldRule(entity.name, field);
  return {
    can: (action) => can(entity.name, action),
    rule,
    visible: (field) => rule(field) !== 'hidden',
    writable: (field) => rule(field) === 'read-write',
  };
}
