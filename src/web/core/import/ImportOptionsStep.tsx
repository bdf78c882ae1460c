import { Checkbox, MultiSelect, Radio, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMode, ImportPreview, MultipleMatches } from '../../../shared/import.js';
import { fieldLabel } from './fieldLabel.js';
import { DATE_ORDERS, type DateOrder } from './importChoices.js';
import type { ImportSettings } from './importDraft.js';

const MODES: readonly ImportMode[] = ['create', 'update', 'upsert'];
const MULTIPLE: readonly MultipleMatches[] = ['error', 'first', 'skip'];
const CUSTOM = 'custom';
const keyOf = (fields: readonly string[]) => fields.join('+');

/** Create, update or both; which fields find the record a row updates; how values are read. */
export function ImportOptionsStep({ preview, settings, onChange }: { preview: ImportPreview; settings: ImportSettings; onChange: (s: ImportSettings) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ImportSettings>) => onChange({ ...settings, ...patch });
  const label = (name: string) => {
    const f = preview.fields.find((x) => x.name === name);
    return f ? fieldLabel(t, f) : name;
  };
  const candidates = preview.matchCandidates;
  const chosenKey = keyOf(settings.matchOn);
  const [custom, setCustom] = useState(() => settings.matchOn.length > 0 && !candidates.some((c) => keyOf(c) === chosenKey));
  const matchChoice = !custom && candidates.some((c) => keyOf(c) === chosenKey) ? chosenKey : CUSTOM;
  return (
    <Stack gap="lg" maw={720}>
      <Radio.Group label={t('import.mode')} value={settings.mode} onChange={(v) => set({ mode: v as ImportMode })}>
        <Stack gap={8} mt={6}>
          {MODES.map((m) => <Radio key={m} value={m} label={t(`import.modes.${m}`)} description={t(`import.modeHints.${m}`)} />)}
        </Stack>
      </Radio.Group>
      {settings.mode !== 'create' && (
        <>
          <Radio.Group
            label={t('import.matchOn')}
            description={t('import.matchOnHint')}
            value={matchChoice}
            onChange={(v) => {
              const c = candidates.find((x) => keyOf(x) === v);
              setCustom(c === undefined);
              if (c) set({ matchOn: c });
            }}
          >
            <Stack gap={8} mt={6}>
              {candidates.map((c) => <Radio key={keyOf(c)} value={keyOf(c)} label={c.map(label).join(' + ')} />)}
              <Radio value={CUSTOM} label={t('import.matchCustom')} />
            </Stack>
          </Radio.Group>
          {matchChoice === CUSTOM && (
            <MultiSelect
              label={t('import.matchFields')}
              data={preview.fields.map((f) => ({ value: f.name, label: fieldLabel(t, f) }))}
              value={settings.matchOn}
              onChange={(v) => set({ matchOn: v })}
              searchable
              error={settings.matchOn.length === 0 ? t('import.matchNeeded') : undefined}
            />
          )}
          <Select
            label={t('import.multipleMatches')}
            data={MULTIPLE.map((m) => ({ value: m, label: t(`import.multiple.${m}`) }))}
            value={settings.multipleMatches}
            onChange={(v) => v && set({ multipleMatches: v as MultipleMatches })}
            allowDeselect={false}
            w={360}
          />
        </>
      )}
      <Select
        label={t('import.dateOrder')}
        description={t('import.dateOrderHint')}
        data={DATE_ORDERS.map((d) => ({ value: d, label: t(`import.dateOrders.${d}`) }))}
        value={settings.dateOrder}
        onChange={(v) => v && set({ dateOrder: v as DateOrder })}
        allowDeselect={false}
        w={360}
      />
      <Stack gap="xs">
        <Checkbox label={t('import.createMissing')} description={t('import.createMissingHint')} checked={settings.createMissingValues} onChange={(e) => set({ createMissingValues: e.currentTarget.checked })} />
        <Checkbox label={t('import.skipDuplicates')} description={t('import.skipDuplicatesHint')} checked={settings.skipDuplicates} onChange={(e) => set({ skipDuplicates: e.currentTarget.checked })} />
      </Stack>
      {settings.mode !== 'create' && settings.matchOn.length === 0 && <Text size="sm" c="red">{t('import.matchNeeded')}</Text>}
    </Stack>
  );
}
