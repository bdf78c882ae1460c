import { Button, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { settingsApi, settingsKey, useSettings } from '../core/settings.js';
import { SettingRow } from './SettingRow.js';
import { meKey } from '../auth/authApi.js';

/** Settings → Your name: what lists, owners and printed sales show for you (until then "Local user" in your language). */
export function UserNameSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const [name, setName] = useState('');
  useEffect(() => { if (settings.data) setName(settings.data.userName ?? ''); }, [settings.data]);
  const save = useMutation({
    mutationFn: () => settingsApi.update({ userName: name }),
    onSuccess: (s) => {
      queryClient.setQueryData(settingsKey, s);
      // Owners everywhere are labelled with the name.
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      notify({ color: 'teal', message: t('settings.nameSaved') });
    },
  });
  return (
    <SettingRow title={t('setup.name')} hint={t('setup.nameHint')} onSubmit={() => { if (name.trim()) save.mutate(); }}>
      <TextInput aria-label={t('setup.name')} placeholder={t('setup.namePlaceholder')} value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} w={260} error={save.error?.message} />
      <Button type="submit" variant="default" loading={save.isPending} disabled={!name.trim() || name.trim() === settings.data?.userName}>{t('action.save')}</Button>
    </SettingRow>
  );
}
