import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shownByLines, type EntityDef } from '../../../shared/entity/define.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { EntityRecord } from '../records.js';
import { FieldValue } from './FieldValue.js';
import { useEntityAccess } from '../access.js';

const SYSTEM_SECTION = ['ownerId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'id'];

interface Props {
  entity: EntityDef;
  record: EntityRecord;
  format: Formatter;
  /** Tighter layout for a dialog: two columns, no boxes. */
  compact?: boolean;
  /** Replaces how a field is shown (a details page edits its lines in place). */
  renderField?: (field: string) => ReactNode | undefined;
}

/** Every field of a record by form section, then the system columns, as a description list per section. */
export function RecordFields({ entity, record, format, compact, renderField }: Props) {
  const { t } = useTranslation();
  const access = useEntityAccess(entity);
  // A sale's total is the footer of its lines: said once, not again under them.
  const hasLines = (f: string) => Array.isArray(record[f]) && (record[f] as unknown[]).length > 0;
  const sections = [
    ...entity.formSections,
    { title: 'record.system', fields: SYSTEM_SECTION.filter((f) => f in entity.allFields && !entity.formSections.some((s) => s.fields.includes(f))) },
    // A field a role hides is not there at all (the server leaves it out); a section left empty goes too.
  ].map((s) => ({ ...s, fields: s.fields.filter(access.visible) })).filter((s) => s.fields.length > 0);
  return (
    <Stack gap={compact ? 'sm' : 'md'}>
      {sections.map((section) => (
        <Paper key={section.title} withBorder={!compact} p={compact ? 0 : 'md'} component="section" aria-label={t(section.title)}>
          <Title order={3} fz={compact ? 'xs' : 'sm'} c="dimmed" tt="uppercase" mb={compact ? 6 : 'sm'}>
            {t(section.title)}
          </Title>
          <SimpleGrid cols={compact ? { base: 1, sm: 2 } : { base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing={compact ? 6 : 'sm'} component="dl" m={0}>
            {section.fields.map((field) => {
              const def = entity.allFields[field];
              if (!def || shownByLines(entity, section, hasLines).has(field)) return null;
              const custom = renderField?.(field);
              if (custom !== undefined) return <div key={field} style={{ gridColumn: '1 / -1' }}>{custom}</div>;
              return (
                <div key={field} style={def.kind === 'longtext' || def.kind === 'lines' ? { gridColumn: '1 / -1' } : undefined}>
                  <Text component="dt" size="xs" c="dimmed">
                    {t(def.label)}
                  </Text>
                  <Text component="dd" m={0}>
                    <FieldValue record={record} field={field} def={def} format={format} />
                  </Text>
                </div>
              );
            })}
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}
