import { Alert, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportPreview } from '../../../shared/import.js';
import { DELIMITERS, ENCODINGS, encodingKey } from './importChoices.js';
import { importApi, type ReadSettings } from './importApi.js';
import { PreviewTable } from './PreviewTable.js';

/**
 * How the file is read: its encoding (the detected one marked, the likely ones first), the delimiter of a text
 * file, the sheet of a workbook. Each change reads the upload again, and the table shows the first rows so the
 * user sees Korean or Chinese text come out right.
 */
export function ImportReadStep({ entity, preview, detected, onPreview }: { entity: EntityDef; preview: ImportPreview; detected: string | null; onPreview: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const reread = useMutation({ mutationFn: (read: ReadSettings) => importApi.reread(entity, preview.uploadId, read), onSuccess: onPreview });
  const current: ReadSettings = { encoding: preview.encoding ?? undefined, delimiter: preview.delimiter ?? undefined, sheet: preview.sheet ?? undefined };
  const change = (patch: ReadSettings) => reread.mutate({ ...current, ...patch });

  const encodingName = (value: string) => {
    const key = encodingKey(value);
    const name = key ? t(key) : value;
    return value === detected ? t('import.detected', { name }) : name;
  };
  const likely = preview.encodingCandidates.map((value) => ({ value, label: encodingName(value) }));
  const others = ENCODINGS.filter((e) => !preview.encodingCandidates.includes(e.value)).map((e) => ({ value: e.value, label: encodingName(e.value) }));
  const encodingData = likely.length ? [{ group: t('import.encodingLikely'), items: likely }, { group: t('import.encodingOthers'), items: others }] : others;
  const text = preview.format === 'csv';
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        {text && (
          <>
            <Select
              label={t('import.encoding')}
              data={encodingData}
              value={preview.encoding}
              onChange={(v) => v && change({ encoding: v })}
              allowDeselect={false}
              w={300}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('import.delimiter')}
              data={DELIMITERS.map((d) => ({ value: d.value, label: t(d.label) }))}
              value={preview.delimiter}
              onChange={(v) => v && change({ delimiter: v })}
              allowDeselect={false}
              w={200}
            />
          </>
        )}
        {preview.format === 'xlsx' && (
          <Select
            label={t('import.sheet')}
            data={preview.sheets}
            value={preview.sheet}
            onChange={(v) => v && change({ sheet: v })}
            allowDeselect={false}
            w={260}
          />
        )}
        {reread.isPending && <Group gap={6} role="status" pb={8}><Loader size="xs" /><Text size="sm" c="dimmed">{t('import.reading')}</Text></Group>}
      </Group>
      <Text size="sm" c="dimmed">{t('import.readHint')}</Text>
      {reread.error && <Alert color="red">{reread.error.message}</Alert>}
      <Text size="sm" fw={500}>{t('import.previewTitle', { file: preview.fileName, count: preview.sampleRows.length })}</Text>
      <PreviewTable headers={preview.headers} rows={preview.sampleRows} label={t('import.previewLabel')} />
    </Stack>
  );
}
