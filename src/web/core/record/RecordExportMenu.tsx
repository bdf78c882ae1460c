import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { EntityRecord } from '../records.js';

/** Export one record with its lines (M8.d: one opportunity with its products), as Excel or CSV. */
export function RecordExportMenu({ entity, record }: { entity: EntityDef; record: EntityRecord }) {
  const { t, i18n } = useTranslation();
  const href = (format: string) => `/api/v1/${entity.path}/${record.id}/export?format=${format}&locale=${encodeURIComponent(i18n.language)}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t('action.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('xlsx')} download leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>{t('list.exportXlsx')}</Menu.Item>
        <Menu.Item component="a" href={href('csv')} download leftSection={<IconFileText size={16} aria-hidden />}>{t('list.exportCsv')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
