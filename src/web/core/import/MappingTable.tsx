import { Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/import.js';
import { fieldLabel } from './fieldLabel.js';
import { importableFields, type Mapping } from './importDraft.js';

/** The Select's value for "Do not import" (a Select cannot hold an empty value). */
export const SKIP = '-';

const SAMPLES = 3;

/** The first few values of a column, empty ones left out. */
function samplesOf(preview: ImportPreview, column: number): string[] {
  const out: string[] = [];
  for (const row of preview.sampleRows) {
    const v = row[column]?.trim();
    if (v) out.push(v);
    if (out.length === SAMPLES) break;
  }
  return out;
}

/**
 * File column → field, one row per column with its first values beside it; the server's suggestion is filled in.
 * Required fields are marked in the choices, and a field chosen for two columns is flagged on both.
 */
export function MappingTable({ preview, mapping, usedTwice, onChange }: {
  preview: ImportPreview; mapping: Mapping; usedTwice: ReadonlySet<string>; onChange: (column: string, field: string | null) => void;
}) {
  const { t } = useTranslation();
  const choices = [
    { value: SKIP, label: t('import.doNotImport') },
    ...importableFields(preview).map((f) => ({ value: f.name, label: f.required ? t('import.requiredField', { field: fieldLabel(t, f) }) : fieldLabel(t, f) })),
  ];
  return (
    <Table withTableBorder verticalSpacing={6} fz="sm" aria-label={t('import.mappingTable')}>
      <Table.Thead bg="gray.1">
        <Table.Tr>
          <Table.Th w="28%">{t('import.fileColumn')}</Table.Th>
          <Table.Th>{t('import.sampleValues')}</Table.Th>
          <Table.Th w={320}>{t('import.field')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.headers.map((h, i) => {
          const field = mapping[h] ?? null;
          const twice = field !== null && usedTwice.has(field);
          return (
            <Table.Tr key={`${i}-${h}`}>
              <Table.Td fw={500}>{h || t('import.unnamedColumn', { n: i + 1 })}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={2}>{samplesOf(preview, i).join(' · ') || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('import.fieldFor', { column: h || t('import.unnamedColumn', { n: i + 1 }) })}
                  data={choices}
                  value={field ?? SKIP}
                  onChange={(v) => onChange(h, v === null || v === SKIP ? null : v)}
                  allowDeselect={false}
                  searchable
                  error={twice ? t('import.usedTwice') : undefined}
                  size="sm"
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
