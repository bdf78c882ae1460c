import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { IconChevronDown, IconDownload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { extensionsOf } from '../extensions.js';
import { exportUrl, type ListParams } from '../records.js';
import { exportFormatsOf, useStreamedExport } from './ExportMenu.js';

interface Props {
  entity: EntityDef;
  selectedIds: ReadonlySet<number>;
  onClear: () => void;
  params: ListParams;
  /** The user may export this entity (else the selection offers only what its modules add). */
  canExport?: boolean;
}

/** What can be done with the selected rows: export them, and whatever the entity's modules add. */
export function BulkBar({ entity, selectedIds, onClear, params, canExport = true }: Props) {
  const { t, i18n } = useTranslation();
  const { onItemClick, panel } = useStreamedExport();
  // An export started from a selection keeps its progress on screen after the selection is cleared.
  if (selectedIds.size === 0) return panel;
  const ids = [...selectedIds];
  const selectionParams: ListParams = { sort: params.sort, locale: params.locale, filters: [{ field: 'id', op: 'in', value: ids.join(',') }] };
  const count = new Intl.NumberFormat(i18n.language).format(ids.length);
  return (
    <Paper withBorder px="sm" py={6} bg="indigo.0" role="region" aria-label={t('list.selection')}>
      {panel}
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite">
          {t('list.selected', { count: ids.length, n: count })}
        </Text>
        {extensionsOf(entity).bulkActions.map((Action, i) => (
          <Action key={i} entity={entity} selectedIds={ids} clearSelection={onClear} />
        ))}
        {canExport && (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} rightSection={<IconChevronDown size={12} aria-hidden />}>
              {t('list.exportSelection')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {exportFormatsOf(entity).map((f) => (
              <Menu.Item key={f.format} component="a" href={exportUrl(entity, selectionParams, f.format)} download onClick={onItemClick(exportUrl(entity, selectionParams, f.format), f.format)}>
                {t(f.label)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        )}
        <Button size="xs" variant="subtle" color="gray" ml="auto" leftSection={<IconX size={14} aria-hidden />} onClick={onClear}>
          {t('list.clearSelection')}
        </Button>
      </Group>
    </Paper>
  );
}
