import { Alert, Anchor, Badge, Button, Group, Loader, Menu, Stack, Text, ActionIcon } from '@mantine/core';
import { DragDropContext, Draggable, Droppable, type DropResult } from '@hello-pangea/dnd';
import { notify } from '../../core/notify.js';
import { IconDots } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { ApiError, ConflictError } from '../../core/api.js';
import { cssColor } from '../../core/fields/ColorSelect.js';
import { useFormatter } from '../../core/fields/useFormatter.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { useFeeds, type FeedData } from '../../core/list/useFeeds.js';
import { useDictionary, type DictionaryValue } from '../../core/lookups.js';
import { recordKeys, recordsApi, type EntityRecord, type FieldFilter, type ListParams } from '../../core/records.js';
import classes from './PipelineBoard.module.css';

const E = opportunityEntity;

interface Move { record: EntityRecord; from: number; to: number; index: number }

/**
 * The pipeline board beside the list (M8): a column per stage in the dictionary's order, with
 * the stage's count, amount and weighted amount from the server (over every opportunity, not
 * the cards loaded), cards newest first, dragged to change stage. A drop is a PATCH with the
 * card's version: a stale one is refused and the card goes back where it was.
 */
export function PipelineBoard({ params }: { params: ListParams }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const money = useMoneyFormat();
  const format = useFormatter(E);
  const stages = (useDictionary('opportunity-stage').data ?? []).filter((s) => s.parentId === null && s.active).sort((a, b) => a.position - b.position);
  const filters = useMemo<FieldFilter[]>(() => stages.map((s) => ({ field: 'stageId', value: s.id })), [stages.map((s) => s.id).join(',')]);
  const boardParams = useMemo<ListParams>(() => ({ ...params, sort: '-updatedAt' }), [params]);
  const { feeds, loadMore } = useFeeds(E, boardParams, filters);
  const totals = useQuery({
    queryKey: [...recordKeys.all(E), 'board-totals', params],
    queryFn: ({ signal }) => recordsApi.groups(E, params, 'stageId', signal, 'amount,weightedAmount'),
  });
  const totalOf = (id: number) => totals.data?.groups.find((g) => g.value === id);

  const feedKey = (stageId: number) => recordKeys.feed(E, boardParams, { field: 'stageId', value: stageId });
  const refresh = () => queryClient.invalidateQueries({ queryKey: recordKeys.all(E) });

  const move = useMutation({
    mutationFn: ({ record, to }: Move) => recordsApi.update(E, record.id, { stageId: to, version: record.version }),
    onMutate: ({ record, from, to, index }) => {
      // The card moves at once; the server's answer (or refusal) follows.
      queryClient.setQueryData<FeedData>(feedKey(from), (old) => old && { ...old, items: old.items.filter((r) => r.id !== record.id) });
      queryClient.setQueryData<FeedData>(feedKey(to), (old) => {
        if (!old) return old;
        const items = [...old.items];
        items.splice(index, 0, { ...record, stageId: to });
        return { ...old, items };
      });
    },
    onError: (err, { record }) => {
      const name = String(record.name ?? '');
      const message = err instanceof ConflictError ? t('pipeline.moveConflict', { name })
        : err instanceof ApiError && err.fieldErrors.length ? `${name}: ${err.fieldErrors[0].message}` : err.message;
      notify({ color: 'orange', message });
    },
    onSettled: () => void refresh(),
  });

  const onDragEnd = (r: DropResult) => {
    if (!r.destination || r.destination.droppableId === r.source.droppableId) return;
    const from = Number(r.source.droppableId.slice(6));
    const to = Number(r.destination.droppableId.slice(6));
    const record = feeds.find((f) => f.filter?.value === from)?.data?.items.find((x) => String(x.id) === r.draggableId);
    if (record) move.mutate({ record, from, to, index: r.destination.index });
  };

  if (stages.length === 0) return <Loader m="md" />;
  return (
    <Stack gap="xs">
      {totals.error && <Alert color="red">{totals.error.message}</Alert>}
      <DragDropContext onDragEnd={onDragEnd}>
        <div className={classes.board} role="region" aria-label={t('pipeline.title')}>
          {stages.map((stage) => {
            const feed = feeds.find((f) => f.filter?.value === stage.id);
            const items = feed?.data?.items ?? [];
            const sum = totalOf(stage.id);
            return (
              <section key={stage.id} className={classes.column} aria-label={stage.label} style={{ ['--stage-color' as string]: stage.color ? cssColor(stage.color) : undefined }}>
                <div className={classes.columnHead}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">{stage.label}</Text>
                    <Badge size="sm" variant="light">{sum?.count ?? 0}</Badge>
                  </Group>
                  <Text size="xs" c="dimmed">{t('pipeline.probability', { p: Number(stage.attributes.probability ?? 0) })}</Text>
                  <Text size="sm" fw={600} mt={4} aria-label={t('pipeline.amountOf', { stage: stage.label })}>{money(sum?.sums?.amount ?? 0)}</Text>
                  <Text size="xs" c="dimmed" aria-label={t('pipeline.weightedOf', { stage: stage.label })}>{t('pipeline.weighted', { amount: money(sum?.sums?.weightedAmount ?? 0) })}</Text>
                </div>
                <Droppable droppableId={`stage-${stage.id}`}>
                  {(drop, snap) => (
                    <div ref={drop.innerRef} {...drop.droppableProps} className={classes.cards} data-over={snap.isDraggingOver || undefined}>
                      {feed?.isPending && <Loader size="xs" />}
                      {items.map((o, index) => (
                        <Draggable key={o.id} draggableId={String(o.id)} index={index}>
                          {(drag, dragSnap) => (
                            <div ref={drag.innerRef} {...drag.draggableProps} {...drag.dragHandleProps} className={classes.card} data-dragging={dragSnap.isDragging || undefined}
                              aria-label={t('pipeline.card', { name: String(o.name ?? ''), stage: stage.label })}>
                              <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
                                <Anchor component={Link} href={`/opportunities/${o.id}`} size="sm" fw={600} lineClamp={2}>{String(o.name ?? `#${o.id}`)}</Anchor>
                                <StageMenu record={o} stages={stages} current={stage.id} onMove={(to) => move.mutate({ record: o, from: stage.id, to, index: 0 })} />
                              </Group>
                              <Text size="xs" c="dimmed" truncate>{o._labels?.customerId ?? ''}</Text>
                              <Group justify="space-between" mt={4} wrap="nowrap">
                                <Text size="sm" fw={500}>{typeof o.amount === 'number' ? money(o.amount) : '—'}</Text>
                                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{format('expectedCloseDate', o.expectedCloseDate)}</Text>
                              </Group>
                            </div>
                          )}
                        </Draggable>
                      ))}
                      {drop.placeholder}
                      {feed?.data?.nextCursor && (
                        <Button size="compact-xs" variant="subtle" loading={feed.loadingMore} onClick={() => void loadMore(feed.filter)}>{t('pipeline.more')}</Button>
                      )}
                    </div>
                  )}
                </Droppable>
              </section>
            );
          })}
        </div>
      </DragDropContext>
      <Text size="xs" c="dimmed">{t('pipeline.hint')}</Text>
    </Stack>
  );
}

/** "Move to stage": the same change as a drag, from a menu (keyboard and screen reader users). */
function StageMenu({ record, stages, current, onMove }: { record: EntityRecord; stages: DictionaryValue[]; current: number; onMove: (to: number) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('pipeline.moveMenu', { name: String(record.name ?? '') })}>
          <IconDots size={14} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('pipeline.moveTo')}</Menu.Label>
        {stages.filter((s) => s.id !== current).map((s) => (
          <Menu.Item key={s.id} onClick={() => onMove(s.id)}>{s.label}</Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
