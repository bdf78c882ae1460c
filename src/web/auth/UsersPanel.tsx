import { ActionIcon, Badge, Button, Group, Menu, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { adminApi, useUsers, usersKey, type UserAccount } from './adminApi.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import { roleLabel } from './roleLabel.js';
import { shortDateTime } from './shortDateTime.js';
import { UserDialog } from './UserDialog.js';

type Open = { kind: 'new' } | { kind: 'edit' | 'reset'; user: UserAccount } | null;

/** Settings → Users: everyone who may sign in, with their team and roles. */
export function UsersPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [open, setOpen] = useState<Open>(null);
  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: UserAccount; active: boolean }) => adminApi.updateUser(user.id, { active, roleIds: user.roleIds, version: user.version }),
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      notify({ color: 'teal', message: t(u.active ? 'accounts.users.activated' : 'accounts.users.deactivated', { name: u.name }) });
    },
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  const signOut = useMutation({
    mutationFn: (user: UserAccount) => adminApi.signOutUserEverywhere(user.id),
    onSuccess: (_v, user) => notify({ color: 'teal', message: t('accounts.users.signedOut', { name: user.name }) }),
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">{t('accounts.users.hint')}</Text>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpen({ kind: 'new' })}>{t('accounts.users.new')}</Button>
      </Group>
      {users.error && <Text c="red" size="sm">{users.error.message}</Text>}
      <Table verticalSpacing={6} highlightOnHover aria-label={t('accounts.users.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs">{t('accounts.name')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.email')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.team')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.roleList')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.users.lastSignIn')}</Table.Th>
            <Table.Th fz="xs" w={48}><VisuallyHidden>{t('accounts.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
              <Table.Td fz="sm" fw={500}>
                <Group gap={6} wrap="nowrap">
                  {u.name}
                  {!u.active && <Badge size="xs" color="gray" variant="light">{t('accounts.users.inactive')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td fz="sm">{u.email}</Table.Td>
              <Table.Td fz="sm">{u.teamName ?? '—'}</Table.Td>
              <Table.Td fz="sm">{u.roles.map((r) => roleLabel(t, r.name)).join(', ')}</Table.Td>
              <Table.Td fz="sm" c="dimmed">{u.lastSignInAt ? shortDateTime(u.lastSignInAt, i18n.language) : '—'}</Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('accounts.users.actionsOf', { name: u.name })}><IconDots size={16} aria-hidden /></ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setOpen({ kind: 'edit', user: u })}>{t('action.edit')}</Menu.Item>
                    <Menu.Item onClick={() => setOpen({ kind: 'reset', user: u })}>{t('accounts.users.resetPassword')}</Menu.Item>
                    <Menu.Item onClick={() => signOut.mutate(u)}>{t('accounts.menu.signOutEverywhere')}</Menu.Item>
                    <Menu.Divider />
                    <Menu.Item color={u.active ? 'red' : undefined} onClick={() => setActive.mutate({ user: u, active: !u.active })}>
                      {u.active ? t('accounts.users.deactivate') : t('accounts.users.activate')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open?.kind === 'new' && <UserDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && <UserDialog user={open.user} onClose={() => setOpen(null)} />}
      {open?.kind === 'reset' && <ResetPasswordDialog user={open.user} onClose={() => setOpen(null)} />}
    </>
  );
}
