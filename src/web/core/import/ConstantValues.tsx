import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/import.js';
import { fieldLabel } from './fieldLabel.js';
import { importableFields, type ConstantRow, type Mapping } from './importDraft.js';

/** Values every imported row gets for fields no column gives (a type, an owner), read like a cell. */
export function ConstantValues({ preview, mapping, rows, usedTwice, onChange }: {
  preview: ImportPreview; mapping: Mapping; rows: ConstantRow[]; usedTwice: ReadonlySet<string>; onChange: (rows: ConstantRow[]) => void;
}) {
  const { t } = useTranslation();
  const mapped = new Set(Object.values(mapping));
  const fields = importableFields(preview).filter((f) => !mapped.has(f.name));
  const set = (i: number, patch: Partial<ConstantRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">{t('import.constants')}</Title>
      <Text size="sm" c="dimmed">{t('import.constantsHint')}</Text>
      {rows.map((r, i) => (
        <Group key={i} gap="sm" align="flex-start">
          <Select
            aria-label={t('import.constantField', { n: i + 1 })}
            placeholder={t('import.chooseField')}
            data={fields.concat(importableFields(preview).filter((f) => f.name === r.field && mapped.has(f.name))).map((f) => ({ value: f.name, label: fieldLabel(t, f) }))}
            value={r.field}
            onChange={(v) => set(i, { field: v })}
            searchable
            w={260}
            error={r.field && usedTwice.has(r.field) ? t('import.usedTwice') : undefined}
          />
          <TextInput aria-label={t('import.constantValue', { n: i + 1 })} placeholder={t('import.value')} value={r.value} onChange={(e) => set(i, { value: e.currentTarget.value })} w={280} />
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('import.removeConstant', { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, { field: null, value: '' }])} disabled={fields.length === 0}>
          {t('import.addConstant')}
        </Button>
      </Group>
    </Stack>
  );
}
