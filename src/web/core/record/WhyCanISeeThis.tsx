import { Alert, Button, Loader, Modal, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconHelpCircle, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { accessApi, type Grant, type RecordAccess } from '../audit/accessApi.js';
import type { EntityRecord } from '../records.js';
import { useKeepWords } from '../audit/keepWords.js';

const ACTIONS = ['read', 'edit', 'delete'] as const satisfies readonly (keyof RecordAccess)[];

/**
 * A grant's reason in words: the server's key (`access.reason.team`) with the record's owner and the granting
 * role, said without the role where none is named (no sign-in: every right); else a sentence from scope and role.
 */
function useReasonText() {
  const { t, i18n } = useTranslation();
  return (g: Grant): { text: string; said: boolean } => {
    const r = g.reason;
    const scope = t(`access.scope.${g.scope}`);
    if (r && typeof r === 'object' && i18n.exists(r.key)) {
      const owner = typeof r.params?.owner === 'string' ? r.params.owner : t('access.noOwner');
      return { text: t(r.key, { scope, owner, role: g.role ?? '', context: g.role ? undefined : 'noRole' }), said: true };
    }
    if (typeof r === 'string' && r !== '') return { text: i18n.exists(r) ? t(r, { role: g.role ?? '' }) : r, said: false };
    if (!g.allowed) return { text: t('access.fallback.denied'), said: true };
    return { text: g.role ? t('access.fallback.byRole', { scope, role: g.role }) : t('access.fallback.allowed', { scope }), said: true };
  };
}

/** The fields a role hides or makes read-only, by name. */
function FieldRulesNote({ entity, fields }: { entity: EntityDef; fields: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const named = (rule: string) => list.format(Object.entries(fields).filter(([, r]) => r === rule).map(([f]) => t(entity.allFields[f]?.label ?? f)));
  const hidden = named('hidden');
  const readOnly = named('read-only');
  if (!hidden && !readOnly) return null;
  return (
    <Stack gap={2}>
      {hidden && <Text size="sm">{t('access.hiddenFields', { fields: hidden })}</Text>}
      {readOnly && <Text size="sm">{t('access.readOnlyFields', { fields: readOnly })}</Text>}
    </Stack>
  );
}

function AccessTable({ access }: { access: RecordAccess }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  return (
    <Table verticalSpacing={8} layout="fixed" aria-label={t('access.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="24%" fz="xs" c="dimmed">{t('access.what')}</Table.Th>
          <Table.Th fz="xs" c="dimmed">{t('access.because')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ACTIONS.map((a) => {
          const g = access[a];
          const why = reason(g);
          return (
            <Table.Tr key={a}>
              <Table.Td>
                <Text size="sm" fw={600} component="span" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                  <ThemeIcon size="sm" radius="xl" variant="light" color={g.allowed ? 'teal' : 'gray'} aria-hidden>
                    {g.allowed ? <IconCheck size={12} /> : <IconX size={12} />}
                  </ThemeIcon>
                  {t(`access.action.${a}`)}
                </Text>
                <Text size="xs" c={g.allowed ? 'teal.8' : 'dimmed'}>{g.allowed ? t('access.allowed') : t('access.denied')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{why.text}</Text>
                {!why.said && (
                  <Text size="xs" c="dimmed">
                    {t('access.scopeIs', { scope: t(`access.scope.${g.scope}`) })}
                    {g.role ? ` · ${t('access.roleIs', { role: g.role })}` : ''}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** "Why can I see this?" on a record's page: which rule lets this user read, edit and delete the record. */
export function WhyCanISeeThis({ entity, record }: { entity: EntityDef; record: EntityRecord }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const keepWords = useKeepWords();
  const access = useQuery({
    queryKey: ['records', entity.path, 'access', record.id],
    enabled: opened,
    queryFn: ({ signal }) => accessApi.of(entity, record.id, signal),
  });
  return (
    <>
      <Button variant="subtle" color="gray" leftSection={<IconHelpCircle size={16} aria-hidden />} onClick={() => setOpened(true)}>
        {t('access.why')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('access.title')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}
        styles={{ title: { fontWeight: 600 }, body: keepWords }}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('access.intro', { name: String(record[entity.titleField] ?? `#${record.id}`) })}</Text>
          {access.isPending && <Loader size="sm" />}
          {access.error && <Alert color="red" title={t('error.title')}>{access.error.message}</Alert>}
          {access.data && <AccessTable access={access.data} />}
          {access.data?.fields && <FieldRulesNote entity={entity} fields={access.data.fields} />}
        </Stack>
      </Modal>
    </>
  );
}
