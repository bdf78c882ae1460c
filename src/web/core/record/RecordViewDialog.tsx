import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { extensionsOf } from '../extensions.js';
import { useEntityAccess } from '../access.js';
import { useFormatter } from '../fields/useFormatter.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { RecordDialog } from './RecordDialog.js';
import { RecordFields } from './RecordFields.js';
import { AttachmentsPanel } from './AttachmentsPanel.js';
import { useLatched } from '../useLatched.js';
import { reportUsage } from '../usage.js';

interface Props {
  entity: EntityDef;
  /** The record to show (as the list had it); null keeps the dialog closed. */
  record: EntityRecord | null;
  onClose: () => void;
}

/** "View contact": every field of one record, read-only, with Edit, Close and the entity's own actions. */
export function RecordViewDialog({ entity, record, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const format = useFormatter(entity);
  const [editing, setEditing] = useState(false);
  const access = useEntityAccess(entity);
  // While an attachment's preview or delete question is on top, Escape closes only that.
  const [nested, setNested] = useState(false);
  // While it fades out after Close, the dialog still shows the record it showed (not an empty box).
  const kept = useLatched(record, record !== null);
  const id = kept?.id ?? 0;
  // The list's copy shows at once; the record is read again so the dialog shows what is stored now.
  const fresh = useQuery({
    queryKey: recordKeys.one(entity, id),
    enabled: record !== null,
    queryFn: ({ signal }) => recordsApi.get(entity, id, signal),
    staleTime: 0,
  });
  const shown = fresh.data ?? kept;
  useEffect(() => { if (record !== null) reportUsage('viewed', entity.path); }, [record !== null, entity]);
  const name = shown ? String(shown[entity.titleField] ?? `#${shown.id}`) : '';
  return (
    <>
      <Modal
        opened={record !== null && !editing}
        onClose={onClose}
        title={t(`${entity.name}.view`)}
        withCloseButton={false}
        closeOnEscape={!nested}
        size={720}
        styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        {shown && (
          <Stack gap="md">
            <Text fw={600} fz="xl">
              {name}
            </Text>
            <RecordFields entity={entity} record={shown} format={format} compact />
            {entity.attachments && (
              <section aria-label={t('attachments.title')}>
                {/* Titled like the record's own sections above it. */}
                <Title order={3} fz="xs" c="dimmed" tt="uppercase" mb={6}>{t('attachments.title')}</Title>
                <AttachmentsPanel entity={entity} recordId={shown.id} onDialogOpen={setNested} />
              </section>
            )}
            <Group justify="flex-end" gap="sm">
              {extensionsOf(entity).recordActions.map((Action, i) => (
                <Action key={i} entity={entity} record={shown} />
              ))}
              {access.can('edit') && (
                <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                  {t('action.edit')}
                </Button>
              )}
              <Button onClick={onClose} data-autofocus>
                {t('action.close')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {shown && (
        <RecordDialog
          entity={entity}
          record={shown}
          opened={editing}
          onClose={() => setEditing(false)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) })}
        />
      )}
    </>
  );
}
