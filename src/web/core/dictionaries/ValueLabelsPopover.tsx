import { ActionIcon, Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../app/i18n.js';
import type { DictionaryValue, ValueChange } from './dictionariesApi.js';

/** A value's name in each language and the default shown where one is missing (labels per locale). */
export function ValueLabelsPopover({ value, onSave }: { value: DictionaryValue; onSave: (change: ValueChange) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [fallback, setFallback] = useState('');
  const open = () => {
    setLabels(Object.fromEntries(LANGUAGES.map((l) => [l.code, value.labels[l.code] ?? ''])));
    setFallback(value.defaultLabel);
    setOpened(true);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withinPortal trapFocus shadow="md" width={280}>
      <Popover.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('dictionaryEditor.translationsOf', { name: value.label })} onClick={() => (opened ? setOpened(false) : open())}>
          <IconLanguage size={14} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            e.stopPropagation();
            if (!fallback.trim()) return;
            onSave({ label: fallback.trim(), labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.trim() || null])) });
            setOpened(false);
          }}
        >
          <Stack gap="xs">
            {LANGUAGES.map((l) => (
              <TextInput key={l.code} size="xs" label={l.name} value={labels[l.code] ?? ''} maxLength={100} onChange={(e) => setLabels({ ...labels, [l.code]: e.currentTarget.value })} />
            ))}
            <TextInput size="xs" label={t('dictionaryEditor.defaultLabel')} description={t('dictionaryEditor.defaultLabelHint')} required value={fallback} maxLength={100}
              onChange={(e) => setFallback(e.currentTarget.value)} error={fallback.trim() ? undefined : t('validation.required')} />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setOpened(false)}>{t('action.cancel')}</Button>
              <Button size="xs" type="submit">{t('action.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
