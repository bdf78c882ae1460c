import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { exportUrl, type ListParams } from '../records.js';

/** Export what the list shows (same search, filters and sort); the server streams the file. */
export function ExportMenu({ entity, params }: { entity: EntityDef; params: ListParams }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t('action.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportUrl(entity, params, 'csv')} download leftSection={<IconFileText size={16} aria-hidden />}>
          {t('list.exportCsv')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl(entity, params, 'xlsx')} download leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>
          {t('list.exportXlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
