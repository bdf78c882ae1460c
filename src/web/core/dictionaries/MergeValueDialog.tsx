import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryValue } from './dictionariesApi.js';

interface Props {
  value: DictionaryValue | null;
  /** The other values on its level: the ones it can be merged into. */
  siblings: readonly DictionaryValue[];
  used: number;
  busy: boolean;
  onCancel: () => void;
  onMerge: (into: DictionaryValue) => void;
}

/** "Merge into…": every record using the value moves to another value, then the value is deleted (one transaction). */
export function MergeValueDialog({ value, siblings, used, busy, onCancel, onMerge }: Props) {
  const { t } = useTranslation();
  const [intoId, setIntoId] = useState<string | null>(null);
  const into = siblings.find((s) => String(s.id) === intoId);
  return (
    <Modal opened={value !== null} onClose={onCancel} title={t('dictionaryEditor.mergeTitle', { name: value?.label ?? '' })} transitionProps={{ transition: 'fade', duration: 120 }} zIndex={400}>
      <Stack gap="sm">
        <Select
          label={t('dictionaryEditor.mergeTarget')}
          data={siblings.filter((s) => s.id !== value?.id).map((s) => ({ value: String(s.id), label: s.label }))}
          value={intoId}
          onChange={setIntoId}
          searchable
          comboboxProps={{ withinPortal: true, zIndex: 500 }}
        />
        {value && into && (
          <Text size="sm">{t('dictionaryEditor.mergeExplain', { name: value.label, into: into.label, count: used })}</Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>{t('action.cancel')}</Button>
          <Button color="orange" disabled={!into} loading={busy} onClick={() => into && onMerge(into)}>{t('dictionaryEditor.merge')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
