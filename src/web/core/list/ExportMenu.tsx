import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { extensionsOf, type ExportFormat } from '../extensions.js';
import { exportUrl, type ListParams } from '../records.js';

export const BUILT_IN_FORMATS: readonly ExportFormat[] = [
  { format: 'csv', label: 'list.exportCsv', extension: 'csv' },
  { format: 'xlsx', label: 'list.exportXlsx', extension: 'xlsx' },
];

/** CSV and Excel for every entity, then the formats its modules add (vCard for contacts). */
export function exportFormatsOf(entity: EntityDef): readonly ExportFormat[] {
  return [...BUILT_IN_FORMATS, ...extensionsOf(entity).exportFormats];
}

/** The Export button and its menu of formats; the server streams each file from its own URL. */
export function ExportButton({ formats, hrefOf }: { formats: readonly ExportFormat[]; hrefOf: (format: string) => string }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t('action.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map((f) => (
          <Menu.Item
            key={f.format}
            component="a"
            href={hrefOf(f.format)}
            download
            leftSection={f.format === 'xlsx' ? <IconFileSpreadsheet size={16} aria-hidden /> : <IconFileText size={16} aria-hidden />}
          >
            {t(f.label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Export what the list shows (same search, filters and sort). */
export function ExportMenu({ entity, params }: { entity: EntityDef; params: ListParams }) {
  return <ExportButton formats={exportFormatsOf(entity)} hrefOf={(format) => exportUrl(entity, params, format)} />;
}
