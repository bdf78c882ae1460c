import { Alert, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notify } from '../notify.js';
import { IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ENTITIES } from '../../../shared/entities/registry.js';
import { recordText } from '../fields/recordText.js';
import { useFormatter } from '../fields/useFormatter.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useEntityAccess } from '../access.js';

const TRASH_COLUMNS = 4;

/** Deleted records of one entity, newest change first, each with Restore. */
export function TrashPage({ entity }: { entity: EntityDef }) {
  const { t, i18n } = useTranslation();
  const access = useEntityAccess(entity);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const format = useFormatter(entity);
  usePageTitle(t('trash.heading', { plural: t(entity.pluralLabel) }));
  const params = { trash: true, sort: '-updatedAt', locale: i18n.language };
  const list = useQuery({
    queryKey: [...recordKeys.all(entity), 'trash', params],
    queryFn: ({ signal }) => recordsApi.list(entity, params, null, signal),
  });
  const restore = useMutation({
    mutationFn: (r: EntityRecord) => recordsApi.restore(entity, r.id),
    onSuccess: (r) => {
      notify({ color: 'teal', message: t('trash.restored', { name: String(r[entity.titleField] ?? r.id) }) });
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
    },
  });
  // A few identifying columns are enough to decide what to restore.
  const columns = entity.listColumns.filter((f) => f !== 'updatedAt' && access.visible(f)).slice(0, TRASH_COLUMNS);

  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('trash.heading', { plural: t(entity.pluralLabel) })}</Title>
        {ENTITIES.length > 1 && (
          <NativeSelect
            label={t('trash.recordType')}
            w={220}
            value={entity.path}
            data={ENTITIES.map((e) => ({ value: e.path, label: t(e.pluralLabel) }))}
            onChange={(e) => navigate(`/trash/${e.currentTarget.value}`)}
          />
        )}
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Paper withBorder>
        <Table verticalSpacing={6} highlightOnHover aria-label={t('trash.heading', { plural: t(entity.pluralLabel) })}>
          <Table.Thead bg="gray.1">
            <Table.Tr>
              {columns.map((f) => (
                <Table.Th key={f} fz="xs">
                  {t(entity.allFields[f]?.label ?? f)}
                </Table.Th>
              ))}
              <Table.Th fz="xs">{t('field.updatedAt')}</Table.Th>
              <Table.Th w={140} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.isPending && (
              <Table.Tr>
                <Table.Td colSpan={columns.length + 2}>
                  <Center py="sm">
                    <Loader size="sm" />
                  </Center>
                </Table.Td>
              </Table.Tr>
            )}
            {list.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length + 2}>
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    {t('trash.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {list.data?.items.map((r) => (
              <Table.Tr key={r.id}>
                {columns.map((f) => (
                  <Table.Td key={f} fz="sm">
                    {recordText(format, r, f)}
                  </Table.Td>
                ))}
                <Table.Td fz="sm" c="dimmed">
                  {format('updatedAt', r.updatedAt)}
                </Table.Td>
                <Table.Td ta="right">
                  {/* Bringing a record back out of Trash takes the right to delete it (the server's rule). */}
                  {access.can('delete') && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconRestore size={14} aria-hidden />}
                    onClick={() => restore.mutate(r)}
                    loading={restore.isPending && restore.variables?.id === r.id}
                    aria-label={`${t('action.restore')} ${String(r[entity.titleField] ?? r.id)}`}
                  >
                    {t('action.restore')}
                  </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
