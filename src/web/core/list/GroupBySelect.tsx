import { Group, NativeSelect, Text } from '@mantine/core';
import { IconLayoutList } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityAccess } from '../access.js';

/**
 * Any field can be grouped (the server counts); list columns come first, then the other fields. A field
 * is named in the query by its alias where it has one (`groupBy=group` for a customer's `groupIds`).
 */
export function groupableFields(entity: EntityDef, visible: (field: string) => boolean = () => true): string[] {
  const skip = (f: string) => {
    const def = entity.allFields[f];
    // A hidden field cannot be grouped by (the server answers "unknown field"): it is not offered.
    return !def || !visible(f) || def.kind === 'longtext' || def.kind === 'computed' || f === 'version' || f === 'id';
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
  const access = useEntityAccess(entity);
  const data = useMemo(
    () => [
      { value: '', label: t('list.none') },
      ...groupableFields(entity, access.visible).map((f) => ({ value: entity.allFields[f]?.alias ?? f, label: t(entity.allFields[f]?.label ?? f) })),
    ],
    [entity, t, access],
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
