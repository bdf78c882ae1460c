import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconLogout2, IconUserCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { authApi } from './authApi.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';
import { useMeQuery } from './useMe.js';
import { useSession } from './useSession.js';

/** The header's account menu: who is signed in, change password, sign out (here or everywhere). Only with a session. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMeQuery().data;
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const signOut = useMutation({
    mutationFn: (everywhere: boolean) => (everywhere ? authApi.signOutEverywhere() : authApi.signOut()),
    onSuccess: () => session.ended(),
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  if (!me?.signedIn || !me.user) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" color="gray" size="xs" leftSection={<IconUserCircle size={18} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
            {me.user.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.user.email}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setChanging(true)}>{t('accounts.menu.changePassword')}</Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => signOut.mutate(false)}>{t('accounts.menu.signOut')}</Menu.Item>
          <Menu.Item leftSection={<IconLogout2 size={16} aria-hidden />} onClick={() => signOut.mutate(true)}>{t('accounts.menu.signOutEverywhere')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </>
  );
}
