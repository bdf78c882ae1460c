import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { serviceFeedbackEntity } from '../../../shared/entities/service-feedback.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { useDictionary } from '../../core/lookups.js';
import { Figure } from '../../core/record/Figure.js';
import { RelatedList } from '../../core/record/RelatedList.js';
import { recordKeys, recordsApi, type EntityRecord } from '../../core/records.js';

const DONE = ['resolved', 'closed', 'rejected', 'duplicate'];

/** The requests of a customer or a product: how many are open and overdue, from the server's group counts. */
function useServiceCounts(field: 'customerId' | 'productId', record: EntityRecord) {
  const { i18n } = useTranslation();
  const statuses = useDictionary('service-status').data ?? [];
  const filters = [{ field, value: record.id }];
  const byStatus = useQuery({
    queryKey: [...recordKeys.all(serviceFeedbackEntity), 'counts', field, record.id, i18n.language],
    queryFn: ({ signal }) => recordsApi.groups(serviceFeedbackEntity, { filters, locale: i18n.language }, 'statusId', signal),
  });
  const overdue = useQuery({
    queryKey: [...recordKeys.all(serviceFeedbackEntity), 'overdue', field, record.id],
    queryFn: ({ signal }) => recordsApi.count(serviceFeedbackEntity, { filters: [...filters, { field: 'resolutionDueAt', op: 'due', value: 'overdue' }] }, signal),
  });
  const done = new Set(statuses.filter((s) => DONE.includes(String(s.attributes.meaning))).map((s) => s.id));
  let open = 0;
  let all = 0;
  for (const g of byStatus.data?.groups ?? []) {
    all += g.count;
    if (!(typeof g.value === 'number' && done.has(g.value))) open += g.count;
  }
  return { open, all, overdue: overdue.data?.total ?? 0, loaded: byStatus.data !== undefined };
}

/** The tab's count: open requests, red when some are overdue. */
function serviceBadge(field: 'customerId' | 'productId') {
  return function ServiceBadge({ record }: RecordActionProps) {
    const { open, overdue } = useServiceCounts(field, record);
    if (open === 0) return null;
    return <Badge size="sm" variant="light" color={overdue > 0 ? 'red' : 'blue'}>{open}</Badge>;
  };
}

/** Customer information / the product's page → Service: open and overdue counts, and the requests. */
function serviceTab(field: 'customerId' | 'productId') {
  return function ServiceTab({ record }: RecordActionProps) {
    const { t } = useTranslation();
    const counts = useServiceCounts(field, record);
    const name = String(record.name ?? '');
    return (
      <RelatedList
        entity={serviceFeedbackEntity}
        field={field}
        parent={record}
        parentTitle={name}
        columns={['number', 'subject', 'typeId', 'priorityId', 'statusId', 'receivedAt', 'resolutionDueAt']}
        sort="-receivedAt"
        newLabel={t('serviceFeedback.new')}
        label={t('serviceFeedback.of', { name })}
        summary={
          <Group gap="sm">
            <Figure label={t('serviceFeedback.openCount')} value={String(counts.open)} note={t('serviceFeedback.ofAll', { count: counts.all })} />
            <Figure label={t('list.due.overdue')} value={String(counts.overdue)} color={counts.overdue > 0 ? 'red.7' : undefined} />
          </Group>
        }
      />
    );
  };
}

export const CustomerServiceTab = serviceTab('customerId');
export const CustomerServiceBadge = serviceBadge('customerId');
export const ProductServiceTab = serviceTab('productId');
export const ProductServiceBadge = serviceBadge('productId');
