import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconRestore, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../../core/notify.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { backupsKey, labDataApi, useLabData, type Backup } from './labDataApi.js';
import { ResetLabButton } from './ResetLabButton.js';
import { SampleDataButton } from './SampleDataButton.js';
import { useStartOver } from './useStartOver.js';

function useFormats() {
  const { i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const kb = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  const mb = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  return {
    when: (iso: string) => when.format(new Date(iso)),
    size: (bytes: number) => (bytes < 1024 * 1024 ? kb.format(Math.max(1, Math.round(bytes / 1024))) : mb.format(bytes / 1024 / 1024)),
  };
}

/** Settings → Starting over: the two buttons, and the backups they kept, each restorable or deletable. */
export function LabDataSetting() {
  const { t } = useTranslation();
  const lab = useLabData();
  const format = useFormats();
  const queryClient = useQueryClient();
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [deleting, setDeleting] = useState<Backup | null>(null);
  const restore = useStartOver((b: Backup) => labDataApi.restore(b.name), 'labData.restore.done', () => setRestoring(null));
  const remove = useMutation({
    mutationFn: (b: Backup) => labDataApi.remove(b.name),
    onSuccess: async () => {
      setDeleting(null);
      notify({ color: 'teal', message: t('labData.delete.done') });
      await queryClient.invalidateQueries({ queryKey: backupsKey });
    },
  });
  const items = lab.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Stack gap={0}>
        <Text fw={500}>{t('labData.title')}</Text>
        <Text size="sm" c="dimmed">{t('labData.hint')}</Text>
      </Stack>
      {lab.refused && (
        <Alert color="gray" variant="light" py="xs">
          <Text size="sm">{lab.teamServer ? t('labData.teamServer') : lab.refused.message}</Text>
        </Alert>
      )}
      <Group gap="sm">
        <SampleDataButton />
        <ResetLabButton />
      </Group>
      {!lab.refused && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('labData.backups.title')}</Text>
          {lab.data && <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{t('labData.backups.folder', { folder: lab.data.folder })}</Text>}
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">{t('labData.backups.empty')}</Text>
          ) : (
            <Table verticalSpacing={6} aria-label={t('labData.backups.title')} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th fz="xs">{t('labData.backups.createdAt')}</Table.Th>
                  <Table.Th fz="xs">{t('labData.backups.reason')}</Table.Th>
                  <Table.Th fz="xs" ta="right">{t('labData.backups.size')}</Table.Th>
                  <Table.Th fz="xs" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((b) => (
                  <Table.Tr key={b.name}>
                    <Table.Td fz="sm" fw={500} title={b.name}>{format.when(b.createdAt)}</Table.Td>
                    <Table.Td fz="sm">{t(`labData.reason.${b.reason}`)}</Table.Td>
                    <Table.Td fz="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>{format.size(b.size)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" leftSection={<IconRestore size={14} aria-hidden />}
                          aria-label={t('labData.restore.label', { when: format.when(b.createdAt) })}
                          onClick={() => { restore.reset(); setRestoring(b); }}>
                          {t('action.restore')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />}
                          aria-label={t('labData.delete.label', { when: format.when(b.createdAt) })}
                          onClick={() => { remove.reset(); setDeleting(b); }}>
                          {t('action.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      {restoring && (
        <ConfirmDialog title={t('labData.restore.title')} confirmLabel={t('action.restore')}
          pending={restore.isPending} error={restore.error} onConfirm={() => restore.mutate(restoring)} onClose={() => setRestoring(null)}>
          <Text size="sm">{t('labData.restore.body', { when: format.when(restoring.createdAt), reason: t(`labData.reason.${restoring.reason}`) })}</Text>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog title={t('labData.delete.title')} confirmLabel={t('action.delete')}
          pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate(deleting)} onClose={() => setDeleting(null)}>
          <Text size="sm">{t('labData.delete.body', { when: format.when(deleting.createdAt) })}</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}
