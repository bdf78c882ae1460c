import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { DuplicateReason } from './duplicatesApi.js';

/**
 * A match reason in words ("Same phone: 01012345678"). A rule on a second field of its kind (a mobile beside a
 * phone) names that field, so two phone reasons never read the same.
 */
export function useReasonText(entity: EntityDef): (reason: DuplicateReason) => string {
  const { t } = useTranslation();
  return useCallback((reason: DuplicateReason) => {
    const def = entity.allFields[reason.field];
    const firstOfKind = Object.entries(entity.fields).find(([, f]) => f.kind === def?.kind)?.[0];
    if (reason.rule !== 'name' && def && firstOfKind !== reason.field) return t('duplicates.reason.sameField', { field: t(def.label), value: reason.value });
    return t(`duplicates.reason.${reason.rule}`, { value: reason.value });
  }, [entity, t]);
}
