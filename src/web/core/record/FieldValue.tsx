import { Anchor, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { FieldDef } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { recordText } from '../fields/recordText.js';
import type { Formatter } from '../fields/useFormatter.js';
import { labelOf, labelsOf, type EntityRecord } from '../records.js';
import { FieldDisplay } from './FieldDisplay.js';
import { LinesView } from '../lines/LinesView.js';
import type { Line } from '../../../shared/entity/line-items.js';

interface Props {
  record: EntityRecord;
  field: string;
  def: FieldDef;
  format: Formatter;
}

/** One field of a record for reading: a referenced record as a link to it, a set as badges, a flag as a badge. */
export function FieldValue({ record, field, def, format }: Props) {
  const { t } = useTranslation();
  const value = record[field];
  if (def.kind === 'lines') return <LinesView label={t(def.label)} lines={Array.isArray(value) ? (value as unknown as Line[]) : []} compact />;
  const target = def.reference && def.reference !== 'user' ? entityByName(def.reference) : undefined;
  if (def.kind === 'reference' && target && typeof value === 'number') {
    return (
      <Anchor component={Link} href={`/${target.path}/${value}`} size="sm">
        {labelOf(record, field) ?? `#${value}`}
      </Anchor>
    );
  }
  const labels = labelsOf(record, field);
  if (Array.isArray(value) && labels.length > 0) {
    return (
      <Group gap={4}>
        {labels.map((label, i) => (
          <Badge key={`${i}:${label}`} variant="light" size="sm" tt="none">
            {label}
          </Badge>
        ))}
      </Group>
    );
  }
  if (def.kind === 'boolean') {
    return (
      <Badge variant={value ? 'filled' : 'outline'} color={value ? 'teal' : 'gray'} size="sm" tt="none">
        {value ? t('field.yes') : t('field.no')}
      </Badge>
    );
  }
  return <FieldDisplay def={def} text={recordText(format, record, field)} />;
}
