import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { asideOf, headerItemsOf } from '../core/pages.js';
import { reportUsage } from '../core/usage.js';
import { folders, type Folder } from './navigation.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { useMe } from '../auth/useMe.js';
import { UserMenu } from '../auth/UserMenu.js';

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const [location] = useLocation();
  useEffect(() => { reportUsage('opened', location); }, [location]);
  const { hasSpecial } = useMe();
  const aside = asideOf();
  const asideOpened = useAsideOpened();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      aside={aside ? { width: aside.width, breakpoint: 'md', collapsed: { desktop: !asideOpened, mobile: !asideOpened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNavigation')} />
            <Title order={1} fz="lg" c="indigo.8">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {t('app.title')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {headerItemsOf().map((Item, i) => (
              <Item key={i} />
            ))}
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.navigation')}>
        {folders().filter((f) => !f.special || hasSpecial(f.special)).map((f) => {
          const isActive = (x: Folder) => {
            const base = x.match ?? x.href;
            return base === '/' ? location === '/' : location === base || location.startsWith(`${base}/`);
          };
          if (f.children) {
            // A folder of folders stays open: its pages are one click away, as the manual's folder list shows them.
            return (
              <NavLink key={f.href} label={t(f.label)} leftSection={<f.icon size={18} stroke={1.6} aria-hidden />} defaultOpened variant="light" childrenOffset={28}>
                {f.children.map((c) => (
                  <NavLink key={c.href} component={Link} href={c.href} label={t(c.label)} active={isActive(c)} aria-current={isActive(c) ? 'page' : undefined} variant="light" />
                ))}
              </NavLink>
            );
          }
          const active = isActive(f);
          return (
            <NavLink
              key={f.href}
              component={Link}
              href={f.href}
              label={t(f.label)}
              leftSection={<f.icon size={18} stroke={1.6} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              variant="light"
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      {aside && asideOpened && (
        <AppShell.Aside>
          <aside.Panel />
        </AppShell.Aside>
      )}
    </AppShell>
  );
}

const closed = () => false;

/** Whether the registered side panel is open (a hook: the panel's own store decides). */
function useAsideOpened(): boolean {
  return (asideOf()?.useOpened ?? closed)();
}
