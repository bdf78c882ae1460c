import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RolesPanel } from './RolesPanel.js';
import { TeamsPanel } from './TeamsPanel.js';
import { TokensPanel } from './TokensPanel.js';
import { useMe } from './useMe.js';
import { UsersPanel } from './UsersPanel.js';

/**
 * Settings → Users and access: users, teams and roles for those with the special right `users`;
 * API tokens for everyone signed in (their own) and for admins (all).
 */
export function AccountsSettings() {
  const { t } = useTranslation();
  const { me, hasSpecial } = useMe();
  const admin = hasSpecial('users');
  if (!admin && !me?.signedIn) return null;
  return (
    <Stack gap="xs">
      <div>
        <Title order={3} fz="md">{t('accounts.settings.title')}</Title>
        <Text size="sm" c="dimmed">{t(admin ? 'accounts.settings.hint' : 'accounts.settings.tokensHint')}</Text>
      </div>
      <Tabs defaultValue={admin ? 'users' : 'tokens'} keepMounted={false}>
        <Tabs.List>
          {admin && <Tabs.Tab value="users">{t('accounts.users.title')}</Tabs.Tab>}
          {admin && <Tabs.Tab value="teams">{t('accounts.teams.title')}</Tabs.Tab>}
          {admin && <Tabs.Tab value="roles">{t('accounts.roles.title')}</Tabs.Tab>}
          <Tabs.Tab value="tokens">{t('accounts.tokens.title')}</Tabs.Tab>
        </Tabs.List>
        {admin && <Tabs.Panel value="users" pt="sm"><UsersPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="teams" pt="sm"><TeamsPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="roles" pt="sm"><RolesPanel /></Tabs.Panel>}
        <Tabs.Panel value="tokens" pt="sm"><TokensPanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
