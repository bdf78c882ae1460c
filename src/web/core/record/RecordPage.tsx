import { Alert, Anchor, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { notify } from '../notify.js';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ApiError } from '../api.js';
import { useFormatter } from '../fields/useFormatter.js';
import { recordKeys, recordsApi } from '../records.js';
import { extensionsOf } from '../extensions.js';
import { DeleteDialog } from './DeleteDialog.js';
import { RecordFields } from './RecordFields.js';
import { LinesPanel } from '../lines/LinesPanel.js';
import { RecordExportMenu } from './RecordExportMenu.js';
import { FieldHistoryTab } from './FieldHistoryTab.js';
import { RecordDialog } from './RecordDialog.js';
import { AttachmentsPanel } from './AttachmentsPanel.js';
import { useAttachments } from '../attachments.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { reportUsage } from '../usage.js';
import { useEntityAccess } from '../access.js';
import { ChangesTab } from './ChangesTab.js';
import { WhyCanISeeThis } from './WhyCanISeeThis.js';

/** The information page of one record: every field by section; Edit and Delete. */
export function RecordPage({ entity, id }: { entity: EntityDef; id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const format = useFormatter(entity);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const extensions = extensionsOf(entity);
  const access = useEntityAccess(entity);

  const record = useQuery({ queryKey: recordKeys.one(entity, id), queryFn: ({ signal }) => recordsApi.get(entity, id, signal) });
  useEffect(() => { reportUsage('viewed', entity.path); }, [entity, id]);
  usePageTitle(record.data ? String(record.data[entity.titleField] ?? '') : t(`${entity.name}.information`));
  // Asked only once the record is there: a record that is missing or in Trash has no files to count.
  const attachments = useAttachments(entity, Number(id), record.isSuccess);
  const remove = useMutation({
    mutationFn: (recordId: number) => recordsApi.remove(entity, recordId),
    onSuccess: () => {
      const name = String(record.data?.[entity.titleField] ?? '');
      notify({ color: 'gray', message: t('record.deleted', { name }) });
      // Everything of the entity is refreshed but this record, now in Trash: asking for it again would be a 404.
      const gone = recordKeys.one(entity, id);
      queryClient.removeQueries({ queryKey: gone, exact: true });
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity), predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(gone) });
      navigate(`/${entity.path}`);
    },
  });

  const back = (
    <Anchor component={Link} href={`/${entity.path}`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('action.backToList')}
      </Group>
    </Anchor>
  );

  if (record.isPending) return <Loader m="xl" />;
  if (record.error || !record.data) {
    const missing = record.error instanceof ApiError && record.error.status === 404;
    return (
      <Stack>
        {back}
        <Alert color={missing ? 'gray' : 'red'} title={missing ? undefined : t('error.title')}>
          {missing ? t('record.notFound') : record.error?.message}
        </Alert>
      </Stack>
    );
  }
  const data = record.data;
  const name = String(data[entity.titleField] ?? `#${data.id}`);
  const hasLines = Object.values(entity.fields).some((f) => f.kind === 'lines');
  // A field whose every change is kept gets its history tab (an opportunity's stage, a request's status).
  const tracked = Object.keys(entity.fields).filter((f) => entity.fields[f].history && access.visible(f));

  return (
    <Stack gap="md" maw={1100}>
      {back}
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" c="dimmed" fw={500}>
            {t(`${entity.name}.information`)}
          </Text>
          <Title order={2}>{name}</Title>
        </div>
        <Group gap="sm">
          {extensions.recordActions.map((Action, i) => (
            <Action key={i} entity={entity} record={data} />
          ))}
          <WhyCanISeeThis entity={entity} record={data} />
          {hasLines && access.can('export') && <RecordExportMenu entity={entity} record={data} />}
          {access.can('edit') && (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('action.edit')}
            </Button>
          )}
          {access.can('delete') && (
            <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(true)}>
              {t('action.delete')}
            </Button>
          )}
        </Group>
      </Group>

      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('record.details')}</Tabs.Tab>
          {tracked.map((f) => (
            <Tabs.Tab key={f} value={`history-${f}`}>{t('record.fieldHistory', { field: t(entity.fields[f].label) })}</Tabs.Tab>
          ))}
          {extensions.recordTabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} rightSection={tab.Badge ? <tab.Badge entity={entity} record={data} /> : undefined}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
          {entity.attachments && (
            <Tabs.Tab value="attachments">
              {attachments.data ? t('attachments.tab', { count: attachments.data.length }) : t('attachments.title')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="changes">{t('changes.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Stack gap="md">
            {extensions.recordSections.map((Section, i) => (
              <Section key={i} entity={entity} record={data} onRecordChanged={(r) => { queryClient.setQueryData(recordKeys.one(entity, r.id), r); void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) }); }} />
            ))}
            <RecordFields entity={entity} record={data} format={format}
              renderField={(f) => (entity.allFields[f]?.kind === 'lines' ? <LinesPanel entity={entity} record={data} field={f} /> : undefined)} />
          </Stack>
        </Tabs.Panel>
        {tracked.map((f) => (
          <Tabs.Panel key={f} value={`history-${f}`} pt="md">
            <FieldHistoryTab entity={entity} record={data} field={f} format={format} />
          </Tabs.Panel>
        ))}
        {extensions.recordTabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            <tab.Panel entity={entity} record={data} />
          </Tabs.Panel>
        ))}
        {entity.attachments && (
          <Tabs.Panel value="attachments" pt="md">
            <AttachmentsPanel entity={entity} recordId={data.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="changes" pt="md">
          <ChangesTab entity={entity} record={data} />
        </Tabs.Panel>
      </Tabs>

      <RecordDialog
        entity={entity}
        record={data}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) })}
      />
      <DeleteDialog name={name} opened={deleting} busy={remove.isPending} onCancel={() => setDeleting(false)} onConfirm={() => remove.mutate(data.id)} />
    </Stack>
  );
}
