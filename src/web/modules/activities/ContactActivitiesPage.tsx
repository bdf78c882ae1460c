import { Button } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { EntityList } from '../../core/list/EntityList.js';
import { useLinkFilters } from '../../core/list/useLinkFilters.js';
import type { FieldFilter } from '../../core/records.js';

const OPEN: readonly FieldFilter[] = [{ field: 'status', value: 'planned' }];

/** M6.a: the Contact activities folder — the open (planned) activities; overdue ones carry a badge. */
export function ContactActivitiesPage({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const title = t('nav.activities');
  usePageTitle(title);
  const { linkFilters, onLinkFiltersChange } = useLinkFilters(entity);
  return (
    <EntityList
      linkFilters={linkFilters}
      onLinkFiltersChange={onLinkFiltersChange}
      entity={entity}
      title={title}
      fixedFilters={OPEN}
      emptyText={t('activity.emptyOpen')}
      actions={
        <Button variant="default" component={Link} href="/calendar" leftSection={<IconCalendar size={16} aria-hidden />}>
          {t('nav.calendar')}
        </Button>
      }
    />
  );
}
