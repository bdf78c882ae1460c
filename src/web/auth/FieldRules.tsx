import { NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTITIES } from '../../shared/entities/registry.js';
import { FIELD_RULES, type FieldRule, type Permissions } from './types.js';

interface Props {
  value: Permissions;
  onChange: (next: Permissions) => void;
  readOnly: boolean;
}

/** Fields a rule cannot apply to: the server keeps them itself. */
const SYSTEM = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);
const isRule = (s: string): s is FieldRule => (FIELD_RULES as readonly string[]).includes(s);

/** Per field of one record type: read-write (the default), read-only or hidden. */
export function FieldRules({ value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const [entityName, setEntityName] = useState(ENTITIES[0]?.name ?? 'customer');
  const entity = ENTITIES.find((e) => e.name === entityName) ?? ENTITIES[0];
  if (!entity) return null;
  const rules = FIELD_RULES.map((r) => ({ value: r, label: t(`accounts.fieldRule.${r}`) }));
  const set = (field: string, rule: FieldRule) => {
    const { [field]: _old, ...rest } = value.fields[entity.name] ?? {};
    const next = rule === 'read-write' ? rest : { ...rest, [field]: rule };
    onChange({ ...value, fields: { ...value.fields, [entity.name]: next } });
  };
  const fields = Object.entries(entity.allFields).filter(([name]) => !SYSTEM.has(name));
  return (
    <Stack gap="xs">
      <NativeSelect label={t('accounts.roles.fieldsOf')} w={280} value={entity.name} data={ENTITIES.map((e) => ({ value: e.name, label: t(e.pluralLabel) }))}
        onChange={(e) => setEntityName(e.currentTarget.value)} />
      <Text size="xs" c="dimmed">{t('accounts.roles.fieldsHint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
        {fields.map(([name, f]) => {
          const label = t(f.label);
          return (
            <NativeSelect key={name} size="xs" label={label} data={rules} disabled={readOnly} value={value.fields[entity.name]?.[name] ?? 'read-write'}
              styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { flex: 1 }, wrapper: { width: 150 } }}
              onChange={(e) => { const r = e.currentTarget.value; if (isRule(r)) set(name, r); }} />
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
