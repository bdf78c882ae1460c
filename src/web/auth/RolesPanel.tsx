import { ActionIcon, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { NamedCountTable } from './NamedCountTable.js';
import { adminApi, rolesKey, useRoles, type Role } from './adminApi.js';
import { RoleDialog } from './RoleDialog.js';
import { roleLabel } from './roleLabel.js';
import type { Permissions } from './types.js';

type Open = { role: Role } | { start: { name: string; permissions: Permissions } } | null;

/** Settings → Roles: the built-in four (read-only, copyable) and the admin's own. */
export function RolesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [open, setOpen] = useState<Open>(null);
  const copy = (role: Role) => setOpen({ start: { name: t('accounts.roles.copyName', { name: roleLabel(t, role.name) }), permissions: role.permissions } });
  const remove = useMutation({
    mutationFn: (role: Role) => adminApi.deleteRole(role.id),
    onSuccess: (_v, role) => {
      void queryClient.invalidateQueries({ queryKey: rolesKey });
      notify({ color: 'teal', message: t('accounts.roles.deleted', { name: role.name }) });
    },
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">{t('accounts.roles.hint')}</Text>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpen({ start: { name: '', permissions: { entities: {}, fields: {}, special: [] } } })}>
          {t('accounts.roles.new')}
        </Button>
      </Group>
      <NamedCountTable label={t('accounts.roles.title')} nameHeader={t('accounts.roles.name')}>
          {(roles.data?.items ?? []).map((r) => {
            const label = roleLabel(t, r.name);
            return (
              <Table.Tr key={r.id}>
                <Table.Td fz="sm">
                  <Group gap={6}>
                    <Button variant="subtle" size="compact-sm" onClick={() => setOpen({ role: r })} aria-label={t(r.builtIn ? 'accounts.roles.viewTitle' : 'accounts.roles.editTitle', { name: label })}>{label}</Button>
                    {r.builtIn && <Badge size="xs" variant="light" color="gray">{t('accounts.roles.builtIn')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td fz="sm">{r.userCount}</Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" aria-label={t('accounts.roles.copyOf', { name: label })} onClick={() => copy(r)}><IconCopy size={16} aria-hidden /></ActionIcon>
                    {!r.builtIn && (
                      <ActionIcon variant="subtle" color="red" aria-label={t('accounts.roles.deleteOf', { name: label })} disabled={r.userCount > 0} onClick={() => remove.mutate(r)}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
      </NamedCountTable>
      {open && 'role' in open && <RoleDialog role={open.role} onClose={() => setOpen(null)} onCopy={copy} />}
      {open && 'start' in open && <RoleDialog key={open.start.name} start={open.start} onClose={() => setOpen(null)} onCopy={copy} />}
    </>
  );
}
