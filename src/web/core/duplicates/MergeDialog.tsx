import { Alert, Button, Group, Loader, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityAccess } from '../access.js';
import { ApiError } from '../api.js';
import { recordText } from '../fields/recordText.js';
import { useFormatter } from '../fields/useFormatter.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { duplicatesApi, type DuplicateGroup, type MergeAnswer } from './duplicatesApi.js';
import { chosenValues, defaultChoice, fieldChoices } from './mergeChoices.js';
import { movedKinds } from './movedRecords.js';
import { useKeepWords } from '../audit/keepWords.js';
import footer from '../record/DialogFooter.module.css';

interface Props {
  entity: EntityDef;
  /** The group being merged; null while closed. */
  group: DuplicateGroup | null;
  onClose: () => void;
  onMerged: (answer: MergeAnswer, survivorTitle: string) => void;
}

/** Merge records: the surviving record, then field by field which value it keeps; everything linked moves to it. */
export function MergeDialog({ entity, group, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={group !== null} onClose={onClose} title={t('duplicates.merge.title')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}>
      {group && <MergeForm key={group.key} entity={entity} group={group} onClose={onClose} onMerged={onMerged} />}
    </Modal>
  );
}

function MergeForm({ entity, group, onClose, onMerged }: Props & { group: DuplicateGroup }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const access = useEntityAccess(entity);
  const format = useFormatter(entity);
  const keepWords = useKeepWords();
  // The whole records, not the group's summary: every field is offered.
  const loaded = useQueries({
    queries: group.records.map((m) => ({ queryKey: recordKeys.one(entity, m.id), queryFn: ({ signal }: { signal: AbortSignal }) => recordsApi.get(entity, m.id, signal) })),
  });
  const records = loaded.flatMap((q) => (q.data ? [q.data] : []));
  const loadError = loaded.find((q) => q.error)?.error;
  const [survivorId, setSurvivorId] = useState(group.records[0]?.id ?? 0);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const choices = records.length === group.records.length ? fieldChoices(entity, records, access.writable) : [];
  const title = (r: EntityRecord) => group.records.find((m) => m.id === r.id)?.title ?? String(r[entity.titleField] ?? `#${r.id}`);
  const survivor = records.find((r) => r.id === survivorId);
  const kinds = movedKinds(entity).map((k) => t(k.label));
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });

  const merge = useMutation({
    mutationFn: () => duplicatesApi.merge(entity, survivorId, {
      fromIds: group.records.map((m) => m.id).filter((id) => id !== survivorId),
      values: chosenValues(choices, picked, survivorId),
      version: survivor?.version,
    }),
    onSuccess: (answer) => {
      // Contacts, activities, sales… changed their record: every list is stale. Not refetched now: this
      // dialog still watches the merged records, which are in Trash (a 404 each).
      void queryClient.invalidateQueries({ queryKey: ['records'], refetchType: 'none' });
      queryClient.setQueryData(recordKeys.one(entity, answer.record.id), answer.record);
      onMerged(answer, survivor ? title(survivor) : `#${survivorId}`);
    },
  });
  const mergeError = merge.error instanceof ApiError && merge.error.fieldErrors.length > 0
    ? merge.error.fieldErrors.map((e) => {
      // A chosen value the survivor refused comes back as `values.<field>`.
      const def = entity.allFields[e.field.replace(/^values\./, '')];
      return `${def ? t(def.label) : e.field}: ${e.message}`;
    }).join(' · ')
    : merge.error?.message;

  if (loadError) return <Alert color="red" title={t('error.title')}>{loadError.message}</Alert>;
  if (records.length < group.records.length) return <Group justify="center" p="lg"><Loader size="sm" aria-label={t('list.loading')} /></Group>;

  const choose = (id: string) => {
    setSurvivorId(Number(id));
    // Values not picked by hand follow the new survivor.
    setPicked({});
  };

  return (
    <Stack gap="md">
      <Radio.Group label={t('duplicates.merge.survivor')} description={t('duplicates.merge.survivorHint')} value={String(survivorId)} onChange={choose}>
        <Stack gap={6} mt={6}>
          {records.map((r) => (
            <Radio key={r.id} value={String(r.id)} label={title(r)} description={[`#${r.id}`, recordText(format, r, 'createdAt')].filter(Boolean).join(' · ')} />
          ))}
        </Stack>
      </Radio.Group>

      {/* What moves is said with the survivor it moves to, before the values (a long list). */}
      <Alert color="blue" variant="light" title={t('duplicates.merge.whatMoves')}>
        <Text size="sm" style={keepWords}>
          {kinds.length > 0
            ? t('duplicates.merge.moves', { kinds: list.format(kinds), name: survivor ? title(survivor) : '' })
            : t('duplicates.merge.movesNothing', { name: survivor ? title(survivor) : '' })}
        </Text>
        <Text size="sm" mt={4} style={keepWords}>{t('duplicates.merge.undoHint', { count: group.records.length - 1 })}</Text>
      </Alert>

      {choices.length > 0 ? (
        <Stack gap="sm">
          <Title order={3} fz="sm" c="dimmed" tt="uppercase">{t('duplicates.merge.values')}</Title>
          {choices.map((c) => (
            <Radio.Group key={c.field} label={t(entity.allFields[c.field].label)} value={picked[c.field] ?? defaultChoice(c, survivorId)}
              onChange={(key) => setPicked((old) => ({ ...old, [c.field]: key }))}>
              <Group gap="lg" mt={4} align="flex-start">
                {c.options.map((o) => (
                  <Radio key={o.key} value={o.key} label={recordText(format, o.holders[0], c.field)} description={c.field === entity.titleField ? undefined : o.holders.map(title).join(', ')} styles={{ label: { overflowWrap: 'anywhere' } }} maw={320} />
                ))}
              </Group>
            </Radio.Group>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">{t('duplicates.merge.sameValues')}</Text>
      )}

      {merge.error && <Alert color="red" role="alert" title={t('duplicates.merge.failed')}>{mergeError}</Alert>}

      {/* The record dialogs' footer: Merge stays in view however many fields differ. */}
      <Group justify="flex-end" gap="sm" className={footer.footer}>
        <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
        <Button color="orange" loading={merge.isPending} onClick={() => merge.mutate()}>{t('duplicates.merge.submit')}</Button>
      </Group>
    </Stack>
  );
}
