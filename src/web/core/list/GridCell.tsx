import { Anchor, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { EntityRecord } from '../records.js';
import type { ColumnMeta } from './columns.js';

interface Props {
  entity: EntityDef;
  record: EntityRecord;
  meta: ColumnMeta;
  format: Formatter;
}

/** The read-only face of a cell. The title field links to the record's information page. */
export function GridCellValue({ entity, record, meta, format }: Props) {
  const text = format(meta.field, record[meta.field]);
  if (meta.field === entity.titleField) {
    return (
      <Anchor component={Link} href={`/${entity.path}/${record.id}`} size="sm" fw={500} truncate="end" display="block">
        {text || `#${record.id}`}
      </Anchor>
    );
  }
  const numeric = ['integer', 'decimal', 'money', 'percent'].includes(meta.def.kind);
  return (
    <Text size="sm" truncate="end" ta={numeric ? 'right' : undefined} c={meta.def.kind === 'datetime' ? 'dimmed' : undefined}>
      {text}
    </Text>
  );
}
