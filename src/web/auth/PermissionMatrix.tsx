import { NativeSelect, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTITIES } from '../../shared/entities/registry.js';
import { ACTIONS, SCOPES, type Action, type Permissions, type Scope } from './types.js';

interface Props {
  value: Permissions;
  onChange: (next: Permissions) => void;
  readOnly: boolean;
}

const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);
/** A read-only matrix reads at a glance: the wider the scope, the stronger the colour. */
const COLOR: Record<Scope, string> = { all: 'teal.8', team: 'blue.7', own: 'orange.8', none: 'gray.5' };

/** The entity × action grid of a role: each cell all / team / own / none. */
export function PermissionMatrix({ value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const scopes = SCOPES.map((s) => ({ value: s, label: t(`accounts.scope.${s}`) }));
  const set = (entity: string, action: Action, scope: Scope) =>
    onChange({ ...value, entities: { ...value.entities, [entity]: { ...value.entities[entity], [action]: scope } } });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing={4} horizontalSpacing={6} withTableBorder aria-label={t('accounts.roles.records')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs">{t('accounts.roles.entity')}</Table.Th>
            {ACTIONS.map((a) => <Table.Th key={a} fz="xs">{t(`accounts.action.${a}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ENTITIES.map((e) => {
            const label = t(e.pluralLabel);
            return (
              <Table.Tr key={e.name}>
                <Table.Th scope="row" fz="sm" fw={500}>{label}</Table.Th>
                {ACTIONS.map((a) => readOnly ? (
                  <Table.Td key={a} fz="sm">
                    <Text span size="sm" c={COLOR[value.entities[e.name]?.[a] ?? 'none']}>{t(`accounts.scope.${value.entities[e.name]?.[a] ?? 'none'}`)}</Text>
                  </Table.Td>
                ) : (
                  <Table.Td key={a}>
                    <NativeSelect size="xs" data={scopes} value={value.entities[e.name]?.[a] ?? 'none'}
                      aria-label={t('accounts.roles.cell', { entity: label, action: t(`accounts.action.${a}`) })}
                      onChange={(ev) => { const s = ev.currentTarget.value; if (isScope(s)) set(e.name, a, s); }} />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
