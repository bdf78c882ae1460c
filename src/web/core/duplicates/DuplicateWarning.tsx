import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { DuplicateMatch } from './duplicatesApi.js';
import { ScoreBadge } from './ScoreBadge.js';
import { useReasonText } from './useReasonText.js';
import { useKeepWords } from '../audit/keepWords.js';

interface Props {
  entity: EntityDef;
  matches: readonly DuplicateMatch[];
  onSaveAnyway: () => void;
  onCancel: () => void;
}

/**
 * The likely duplicates of a record about to be created, inside its dialog: nothing typed is lost, each match
 * opens in a new tab (the draft stays), and the user saves anyway or goes back to the form.
 */
export function DuplicateWarning({ entity, matches, onSaveAnyway, onCancel }: Props) {
  const { t } = useTranslation();
  const reasonText = useReasonText(entity);
  const ref = useRef<HTMLDivElement>(null);
  const keepWords = useKeepWords();
  // The warning sits above the footer of a form that may be scrolled to its top: bring all of it into view
  // ('nearest' stopped with its buttons under the sticky footer).
  useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), [matches]);
  return (
    <Alert ref={ref} role="alert" color="orange" variant="light" icon={<IconCopy size={18} aria-hidden />} title={t('duplicates.warning.title', { count: matches.length })}>
      <Stack gap="xs">
        <Text size="sm" style={keepWords}>{t('duplicates.warning.text')}</Text>
        <List spacing={6} size="sm" listStyleType="none" aria-label={t('duplicates.warning.list')}>
          {matches.map((m) => (
            <List.Item key={m.id}>
              <Group gap="xs" wrap="nowrap" align="baseline">
                <ScoreBadge score={m.score} />
                <Anchor href={`/${entity.path}/${m.id}`} target="_blank" rel="noopener" fw={600}>{m.title}</Anchor>
              </Group>
              <Text size="xs" c="dimmed" mt={2}>{m.reasons.map(reasonText).join(' · ')}</Text>
            </List.Item>
          ))}
        </List>
        <Group gap="sm" justify="flex-end">
          <Button variant="default" size="xs" onClick={onCancel}>{t('action.cancel')}</Button>
          <Button color="orange" size="xs" onClick={onSaveAnyway}>{t('duplicates.warning.saveAnyway')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
