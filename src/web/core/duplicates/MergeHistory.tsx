import { Alert, Anchor, Button, Group, Loader, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { recordKeys, recordsApi } from '../records.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { useTimeZone } from '../timeZone.js';
import { duplicateKeys, duplicatesApi, type Merge } from './duplicatesApi.js';
import { useUndoMerge } from './useUndoMerge.js';

/** Every merge of the entity, newest first: who, when, what moved, and Undo while it can still be undone. */
export function MergeHistory({ entity, canUndo }: { entity: EntityDef; canUndo: boolean }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const when = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }), [i18n.language, tz]);
  const merges = useInfiniteQuery({
    queryKey: duplicateKeys.merges(entity),
    queryFn: ({ pageParam, signal }) => duplicatesApi.merges(entity, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const { undo, busy } = useUndoMerge();

  const movedText = (m: Merge) => {
    const parts = m.moved.filter((x) => x.count > 0).map((x) => {
      // The server names a move by the entity and field that point at the record: contacts by their customer,
      // group memberships by the customer's groups field, attachments as the entity's own.
      const def = entityByName(x.entity);
      const name = x.field === 'attachments' ? t('duplicates.attachments') : def ? t(def.allFields[x.field]?.kind === 'references' ? def.allFields[x.field].label : def.pluralLabel) : x.entity;
      return t('duplicates.history.movedCount', { name, count: x.count });
    });
    return parts.length ? parts.join(' · ') : t('duplicates.history.nothingMoved');
  };

  if (merges.isPending) return <Loader size="sm" aria-label={t('list.loading')} />;
  if (merges.error) return <Alert color="red" title={t('error.title')}>{merges.error.message}</Alert>;
  const items = merges.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text c="dimmed" size="sm">{t('duplicates.history.empty')}</Text>;
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label={t('duplicates.history.title')}>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th>{t('duplicates.history.when')}</Table.Th>
            <Table.Th>{t('duplicates.history.who')}</Table.Th>
            <Table.Th>{t('duplicates.history.survivor')}</Table.Th>
            <Table.Th>{t('duplicates.history.merged')}</Table.Th>
            <Table.Th>{t('duplicates.history.moved')}</Table.Th>
            <Table.Th><VisuallyHidden>{t('duplicates.undo')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{when.format(new Date(m.createdAt))}</Table.Td>
              <Table.Td>{m.createdByName ?? '—'}</Table.Td>
              <Table.Td><SurvivorLink entity={entity} id={m.survivorId} /></Table.Td>
              <Table.Td>{m.mergedIds.map((id) => `#${id}`).join(', ')}</Table.Td>
              <Table.Td>{movedText(m)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {m.undoneAt
                  ? <Text size="sm" c="dimmed">{t('duplicates.history.undoneAt', { when: when.format(new Date(m.undoneAt)) })}</Text>
                  : canUndo && (
                    <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} aria-hidden />} loading={busy === m.id}
                      aria-label={t('duplicates.history.undoOne', { id: m.survivorId })} onClick={() => void undo(m.id)}>
                      {t('duplicates.undo')}
                    </Button>
                  )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {merges.hasNextPage && (
        <Group justify="center" p="sm">
          <Button variant="default" loading={merges.isFetchingNextPage} onClick={() => void merges.fetchNextPage()}>{t('duplicates.loadMore')}</Button>
        </Group>
      )}
    </Paper>
  );
}

/** The surviving record by its title (it still exists: a merge keeps it, an undo too). */
function SurvivorLink({ entity, id }: { entity: EntityDef; id: number }) {
  const record = useQuery({ queryKey: recordKeys.one(entity, id), queryFn: ({ signal }) => recordsApi.get(entity, id, signal), retry: false });
  const title = record.data ? String(record.data[entity.titleField] ?? `#${id}`) : `#${id}`;
  return <Anchor component={Link} href={`/${entity.path}/${id}`}>{title}</Anchor>;
}
