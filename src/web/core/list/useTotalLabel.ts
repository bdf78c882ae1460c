import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';

/** "1,234 customers" or "10,000+ customers" when the server capped its count instead of making the list wait. */
export function useTotalLabel(entity: EntityDef) {
  const { t, i18n } = useTranslation();
  return useCallback(
    (count: number, capped: boolean) => {
      const n = `${new Intl.NumberFormat(i18n.language).format(count)}${capped ? '+' : ''}`;
      const key = i18n.exists(`${entity.name}.count_other`) ? `${entity.name}.count` : 'list.count';
      return t(key, { count, n });
    },
    [entity.name, i18n, t],
  );
}
