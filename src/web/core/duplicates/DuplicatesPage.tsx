import { Alert, Anchor, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowBackUp } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useEntityAccess } from '../access.js';
import { useFormatter } from '../fields/useFormatter.js';
import { notify } from '../notify.js';
import { DuplicateGroupCard } from './DuplicateGroupCard.js';
import { duplicateKeys, duplicatesApi, type DuplicateGroup, type MergeAnswer } from './duplicatesApi.js';
import { MergeDialog } from './MergeDialog.js';
import { MergeHistory } from './MergeHistory.js';
import { undoMerge } from './undoMerge.js';
import { useKeepWords } from '../audit/keepWords.js';
import classes from './UndoToast.module.css';

const QUEUE = 'queue';
const HISTORY = 'history';

/**
 * Find duplicates (issue 16), the same page for every entity: the review queue of look-alike groups, surest first,
 * each merged or marked "not duplicates" (remembered by the server); and the entity's merge history with Undo.
 */
export function DuplicatesPage({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const access = useEntityAccess(entity);
  const format = useFormatter(entity);
  const keepWords = useKeepWords();
  const canMerge = access.can('edit') && access.can('delete');
  const folder = t(`nav.${entity.path}`);
  const title = t('duplicates.title', { folder });
  usePageTitle(title);
  const [tab, setTab] = useState<string>(QUEUE);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  // Dismissed groups leave the queue at once; the server remembers them for the next scan.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const groups = useInfiniteQuery({
    queryKey: duplicateKeys.groups(entity),
    queryFn: ({ pageParam, signal }) => duplicatesApi.groups(entity, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const shown = (groups.data?.pages ?? []).flatMap((p) => p.items).filter((g) => !dismissed.has(g.key));

  const dismiss = useMutation({
    mutationFn: (g: DuplicateGroup) => duplicatesApi.dismiss(entity, g.records.map((r) => r.id)),
    onSuccess: (_done, g) => {
      setDismissed((old) => new Set(old).add(g.key));
      notify({ color: 'teal', message: t('duplicates.dismissed', { titles: g.records.map((r) => r.title).join(', ') }) });
    },
    onError: (err) => notify({ color: 'red', message: err.message }),
  });

  const merged = (answer: MergeAnswer, survivorTitle: string) => {
    setMerging(null);
    const undoTexts = {
      done: () => t('duplicates.undone'),
      failed: (message: string) => t('duplicates.undoFailed', { message }),
    };
    // A toast lets clicks through (issue 10); this one's Undo takes them, and it stays long enough to be used.
    notify({
      color: 'teal',
      autoClose: 10_000,
      className: classes.undo,
      message: (
        <Group gap="sm" justify="space-between" wrap="nowrap">
          <Text size="sm" truncate>{t('duplicates.merged', { name: survivorTitle, count: answer.merge.mergedIds.length })}</Text>
          <Button size="compact-sm" variant="light" leftSection={<IconArrowBackUp size={14} aria-hidden />} onClick={() => void undoMerge(queryClient, answer.merge.id, undoTexts)}>
            {t('duplicates.undo')}
          </Button>
        </Group>
      ),
    });
    navigate(`/${entity.path}/${answer.merge.survivorId}`);
  };

  return (
    <Stack gap="sm">
      <Anchor component={Link} href={`/${entity.path}`} size="sm">
        <Group gap={4}><IconArrowLeft size={14} aria-hidden />{folder}</Group>
      </Anchor>
      <Title order={2}>{title}</Title>
      <Text size="sm" c="dimmed" style={keepWords}>{t('duplicates.intro')}</Text>
      <Tabs value={tab} onChange={(v) => setTab(v ?? QUEUE)}>
        <Tabs.List aria-label={title}>
          <Tabs.Tab value={QUEUE}>{t('duplicates.queue')}</Tabs.Tab>
          <Tabs.Tab value={HISTORY}>{t('duplicates.history.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={QUEUE} pt="md">
          <Stack gap="md">
            {groups.error && <Alert color="red" title={t('error.title')}>{groups.error.message}</Alert>}
            {groups.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('duplicates.scanning')}</Text></Group>}
            {!groups.isPending && !groups.error && shown.length === 0 && (
              <Alert color="teal" variant="light" title={t('duplicates.emptyTitle')}>{t('duplicates.empty')}</Alert>
            )}
            {shown.map((g) => (
              <DuplicateGroupCard key={g.key} entity={entity} group={g} format={format} canMerge={canMerge} canDismiss={access.can('edit')}
                dismissing={dismiss.isPending && dismiss.variables.key === g.key}
                onDismiss={() => dismiss.mutate(g)} onMerge={() => setMerging(g)} />
            ))}
            {groups.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={groups.isFetchingNextPage} onClick={() => void groups.fetchNextPage()}>{t('duplicates.loadMore')}</Button>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value={HISTORY} pt="md">
          {tab === HISTORY && <MergeHistory entity={entity} canUndo={canMerge} />}
        </Tabs.Panel>
      </Tabs>
      <MergeDialog entity={entity} group={merging} onClose={() => setMerging(null)} onMerged={merged} />
    </Stack>
  );
}
