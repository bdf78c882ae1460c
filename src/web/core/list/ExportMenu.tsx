import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { extensionsOf, type ExportFormat } from '../extensions.js';
import { exportUrl, type ListParams } from '../records.js';
import { ExportProgressPanel } from './ExportProgressPanel.js';
import { canStreamDownloads, useExportDownload } from './useExportDownload.js';

export const BUILT_IN_FORMATS: readonly ExportFormat[] = [
  { format: 'csv', label: 'list.exportCsv', extension: 'csv' },
  { format: 'xlsx', label: 'list.exportXlsx', extension: 'xlsx' },
];

/** CSV and Excel for every entity, then the formats its modules add (vCard for contacts). */
export function exportFormatsOf(entity: EntityDef): readonly ExportFormat[] {
  return [...BUILT_IN_FORMATS, ...extensionsOf(entity).exportFormats];
}

/**
 * Each format's menu item is a real link to its file; where the browser can read a stream, a click
 * downloads it through fetch instead, so the page can show how far it has come (ExportProgressPanel).
 */
export function useStreamedExport() {
  const download = useExportDownload();
  const onItemClick = (href: string, format: string) => (e: MouseEvent<HTMLElement>) => {
    if (!canStreamDownloads()) return;
    e.preventDefault();
    void download.start(href, format);
  };
  const panel = <ExportProgressPanel progress={download.progress} failed={download.failed} onCancel={download.cancel} onDismiss={download.dismissFailure} />;
  return { onItemClick, panel };
}

/** The Export button and its menu of formats; the server streams each file from its own URL. */
export function ExportButton({ formats, hrefOf }: { formats: readonly ExportFormat[]; hrefOf: (format: string) => string }) {
  const { t } = useTranslation();
  const { onItemClick, panel } = useStreamedExport();
  return (
    <>
    {panel}
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
            onClick={onItemClick(hrefOf(f.format), f.format)}
            leftSection={f.format === 'xlsx' ? <IconFileSpreadsheet size={16} aria-hidden /> : <IconFileText size={16} aria-hidden />}
          >
            {t(f.label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
    </>
  );
}

/** Export what the list shows (same search, filters and sort). */
export function ExportMenu({ entity, params }: { entity: EntityDef; params: ListParams }) {
  return <ExportButton formats={exportFormatsOf(entity)} hrefOf={(format) => exportUrl(entity, params, format)} />;
}
