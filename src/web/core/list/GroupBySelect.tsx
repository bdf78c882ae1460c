import { Group, NativeSelect, Text } from '@mantine/core';
import { IconLayoutList } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';

/**
 * Any field can be grouped (the server counts); list columns come first, then the other fields. A field
 * is named in the query by its alias where it has one (`groupBy=group` for a customer's `groupIds`).
 */
export function groupableFields(entity: EntityDef): string[] {
  const skip = (f: string) => {
    const def = entity.allFields[f];
    return !def || def.kind === 'longtext' || def.kind === 'computed' || f === 'version' || f === 'id';
  };
  const rest = Object.keys(entity.allFields).filter((f) => !entity.listColumns.includes(f));
  return [...entity.listColumns, ...rest].filter((f) => !skip(f));
}

interface Props {
  entity: EntityDef;
  value: string | null;
  onChange: (field: string | null) => void;
}

export function GroupBySelect({ entity, value, onChange }: Props) {
  const { t } = useTranslation();
  const data = useMemo(
    () => [
      { value: '', label: t('list.none') },
      ...groupableFields(entity).map((f) => ({ value: entity.allFields[f]?.alias ?? f, label: t(entity.allFields[f]?.label ?? f) })),
    ],
    [entity, t],
  );
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" aria-hidden>
        {t('list.groupBy')}
      </Text>
      <NativeSelect
        aria-label={t('list.groupBy')}
        leftSection={<IconLayoutList size={16} aria-hidden />}
        data={data}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value || null)}
        w={210}
      />
    </Group>
  );
}
