import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { recordKeys, recordsApi, type EntityRecord, type FieldFilter, type RecordLabels } from '../../core/records.js';
import { useTimeZone } from '../../core/timeZone.js';
import { RecordDialogOnDemand } from '../../core/record/RecordDialogOnDemand.js';
import { activityWhen } from './activityTime.js';
import { OverdueBadge } from './OverdueBadge.js';

function ActivityTable({ label, filters, sort, onOpen }: { label: string; filters: FieldFilter[]; sort: string; onOpen: (a: EntityRecord) => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const list = useQuery({
    queryKey: [...recordKeys.all(activityEntity), 'tab', filters, sort, i18n.language],
    queryFn: ({ signal }) => recordsApi.list(activityEntity, { sort, filters, locale: i18n.language }, null, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <Stack gap={4}>
      <Title order={3} fz="sm">
        {label} {list.data ? `(${list.data.total})` : ''}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {list.isPending ? t('list.loading') : t('activity.noneHere')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing={4} aria-label={label}>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td fz="sm" w={260} c="dimmed">
                    {activityWhen(a, tz, i18n.language, t('activity.field.allDay'))}
                  </Table.Td>
                  <Table.Td fz="sm">
                    <Group gap={6} wrap="nowrap">
                      <Anchor component="button" type="button" fz="sm" onClick={() => onOpen(a)}>
                        {String(a.subject ?? '')}
                      </Anchor>
                      <OverdueBadge record={a} />
                    </Group>
                  </Table.Td>
                  <Table.Td w={110}>
                    <Badge size="sm" variant="light" color={a.status === 'ended' ? 'teal' : 'blue'}>
                      {t(`activity.status.${a.status === 'ended' ? 'ended' : 'planned'}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** Customer information / View contact → Activities: upcoming and history, New activity with the customer (and contact) filled in. */
export function ActivitiesTab({ entity, record }: RecordActionProps) {
  const { t } = useTranslation();
  const isContact = entity.name === 'contact';
  const [dialog, setDialog] = useState<{ record?: EntityRecord } | null>(null);
  const field = isContact ? 'contactId' : 'customerId';
  const own: FieldFilter = { field, value: record.id };
  const values: Record<string, unknown> = isContact ? { customerId: typeof record.customerId === 'number' ? record.customerId : null, contactId: record.id } : { customerId: record.id };
  const labels: RecordLabels = isContact
    ? { customerId: record._labels?.customerId ?? null, contactId: String(record.name ?? '') }
    : { customerId: String(record.name ?? '') };
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({})}>
          {t('activity.newActivity')}
        </Button>
      </Group>
      <ActivityTable label={t('activity.upcoming')} filters={[own, { field: 'status', value: 'planned' }]} sort="startAt" onOpen={(a) => setDialog({ record: a })} />
      <ActivityTable label={t('nav.history')} filters={[own, { field: 'status', value: 'ended' }]} sort="-endedAt" onOpen={(a) => setDialog({ record: a })} />
      <RecordDialogOnDemand
        entity={activityEntity}
        opened={dialog !== null}
        record={dialog?.record}
        initialValues={values}
        initialLabels={labels}
        onClose={() => setDialog(null)}
        onSaved={() => undefined}
      />
    </Stack>
  );
}
