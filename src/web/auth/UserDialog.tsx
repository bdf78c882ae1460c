import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../app/i18n.js';
import { ApiError } from '../core/api.js';
import { notify } from '../core/notify.js';
import { zoneOptions } from '../core/timeZone.js';
import { adminApi, useRoles, useTeams, usersKey, type UserAccount, type UserInput } from './adminApi.js';
import { SecretInput } from './SecretInput.js';
import { PASSWORD_MIN } from './authApi.js';
import { roleLabel } from './roleLabel.js';

interface Props {
  /** The user to edit; absent for New user. */
  user?: UserAccount;
  onClose: () => void;
}

/** New user / Edit user: name, email, password (new only), language, time zone, team, roles, active. */
export function UserDialog({ user, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useTeams().data?.items ?? [];
  const roles = useRoles().data?.items ?? [];
  const zones = useMemo(() => zoneOptions(i18n.language), [i18n.language]);
  const [v, setV] = useState<UserInput>({
    name: user?.name ?? '', email: user?.email ?? '', password: '', locale: user?.locale ?? i18n.language, timeZone: user?.timeZone ?? null,
    teamId: user?.teamId ?? null, roleIds: user?.roleIds ?? [], active: user?.active ?? true,
  });
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<UserInput>) => setV((old) => ({ ...old, ...patch }));
  const local: Record<string, string | undefined> = {
    name: v.name.trim() ? undefined : t('accounts.problem.required'),
    email: /^[^\s@]+@[^\s@]+$/.test(v.email.trim()) ? undefined : t('accounts.problem.email'),
    password: user || (v.password ?? '').length >= PASSWORD_MIN ? undefined : t('accounts.problem.passwordShort', { count: PASSWORD_MIN }),
    roleIds: v.roleIds.length > 0 ? undefined : t('accounts.problem.roleRequired'),
  };
  const save = useMutation({
    mutationFn: () => {
      // The server keeps a language for everyone: none chosen is none sent.
      const { locale, ...rest } = v;
      const body = { ...rest, ...(locale ? { locale } : {}), name: v.name.trim(), email: v.email.trim() };
      if (user) {
        const { password: _unused, ...change } = body;
        return adminApi.updateUser(user.id, { ...change, version: user.version });
      }
      return adminApi.createUser(body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notify({ color: 'teal', message: t('accounts.users.saved', { name: saved.name }) });
      onClose();
    },
  });
  const serverError = (field: string) => (save.error instanceof ApiError ? save.error.fieldErrors.find((e) => e.field === field)?.message : undefined);
  const error = (field: string) => (checked ? local[field] : undefined) ?? serverError(field);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={user ? t('accounts.users.editTitle', { name: user.name }) : t('accounts.users.new')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <TextInput label={t('accounts.name')} required value={v.name} error={error('name')} onChange={(e) => set({ name: e.currentTarget.value })} data-autofocus />
            <TextInput label={t('accounts.email')} type="email" required value={v.email} error={error('email')} onChange={(e) => set({ email: e.currentTarget.value })} autoComplete="off" />
          </SimpleGrid>
          {!user && (
            <SecretInput label={t('accounts.password')} description={t('accounts.users.passwordHint', { count: PASSWORD_MIN })} required value={v.password}
              error={error('password')} onChange={(e) => set({ password: e.currentTarget.value })} autoComplete="new-password" />
          )}
          <SimpleGrid cols={2}>
            <Select label={t('accounts.users.language')} data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} value={v.locale ?? null}
              allowDeselect={false} onChange={(x) => set({ locale: x })} comboboxProps={{ withinPortal: true }} />
            <Select label={t('accounts.users.timeZone')} data={zones} value={v.timeZone} searchable clearable placeholder={t('accounts.users.timeZoneDefault')}
              onChange={(x) => set({ timeZone: x })} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <Select label={t('accounts.team')} data={teams.map((x) => ({ value: String(x.id), label: x.name }))} value={v.teamId === null || v.teamId === undefined ? null : String(v.teamId)}
            clearable placeholder={t('accounts.users.noTeam')} onChange={(x) => set({ teamId: x ? Number(x) : null })} comboboxProps={{ withinPortal: true }} error={serverError('teamId')} />
          <Checkbox.Group label={t('accounts.roleList')} required value={v.roleIds.map(String)} onChange={(ids) => set({ roleIds: ids.map(Number) })} error={error('roleIds')}>
            <Group gap="md" mt={6}>
              {roles.map((r) => <Checkbox key={r.id} value={String(r.id)} label={roleLabel(t, r.name)} />)}
            </Group>
          </Checkbox.Group>
          <Switch label={t('accounts.users.active')} description={t('accounts.users.activeHint')} checked={v.active ?? true} onChange={(e) => set({ active: e.currentTarget.checked })} />
          {save.error && <Alert color="red" variant="light" role="alert" py="xs">{save.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('action.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
