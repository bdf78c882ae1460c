import { Badge } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntityRecord } from '../../core/records.js';
import { useTimeZone } from '../../core/timeZone.js';
import { isOverdue } from './activityTime.js';

/** "Overdue" beside a planned activity whose time has passed: a word and an icon, not colour alone. */
export function OverdueBadge({ record }: { record: EntityRecord }) {
  const { t } = useTranslation();
  const tz = useTimeZone();
  if (!isOverdue(record, tz)) return null;
  return (
    <Badge size="xs" color="red" variant="light" leftSection={<IconAlertTriangle size={10} aria-hidden />}>
      {t('activity.overdue')}
    </Badge>
  );
}
