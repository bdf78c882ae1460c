import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { EntityList } from '../../core/list/EntityList.js';
import type { FieldFilter } from '../../core/records.js';
import { useTimeZone, zonedInputToIso } from '../../core/timeZone.js';
import { addDays } from './calendarEvents.js';
import { HistoryFilters, NO_HISTORY_FILTERS, type HistoryFilterValues } from './HistoryFilters.js';

/** M6.f: the History folder — ended activities, newest first, with filters, group by and export (CSV, Excel, iCalendar). */
export function HistoryPage() {
  const { t } = useTranslation();
  const title = t('nav.history');
  usePageTitle(title);
  const tz = useTimeZone();
  const [f, setF] = useState<HistoryFilterValues>(NO_HISTORY_FILTERS);
  const filters = useMemo<FieldFilter[]>(() => {
    const out: FieldFilter[] = [{ field: 'status', value: 'ended' }];
    for (const k of ['customerId', 'contactId', 'typeId', 'ownerId'] as const) {
      const v = f[k];
      if (v !== null) out.push({ field: k, value: v });
    }
    if (f.from) out.push({ field: 'endedAt', op: 'gte', value: zonedInputToIso(`${f.from}T00:00`, tz) });
    if (f.to) out.push({ field: 'endedAt', op: 'lt', value: zonedInputToIso(`${addDays(f.to, 1)}T00:00`, tz) });
    return out;
  }, [f, tz]);
  return (
    <EntityList
      entity={activityEntity}
      title={title}
      fixedFilters={filters}
      defaultSort="-endedAt"
      canCreate={false}
      emptyText={t('history.empty')}
      filters={<HistoryFilters value={f} onChange={setF} />}
    />
  );
}
