import { Button, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notify } from '../core/notify.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi, settingsKey, useSettings, type Company } from '../core/settings.js';

const EMPTY: Company = { name: null, address: null, phone: null, email: null, registrationNumber: null };

/** Settings → Company: the header of every printed sale. */
export function CompanySetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const [form, setForm] = useState<Company>(EMPTY);
  useEffect(() => { if (settings.data) setForm(settings.data.company); }, [settings.data]);
  const save = useMutation({
    mutationFn: () => settingsApi.update({ company: form }),
    onSuccess: (s) => { queryClient.setQueryData(settingsKey, s); notify({ color: 'teal', message: t('settings.companySaved') }); },
  });
  const input = (k: keyof Company, max: number) => (
    <TextInput label={t(`settings.companyField.${k}`)} value={form[k] ?? ''} maxLength={max} onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })} />
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Stack gap="xs">
        <Text fw={500}>{t('settings.company')}</Text>
        <Text size="sm" c="dimmed">{t('settings.companyHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          {input('name', 200)}
          {input('registrationNumber', 60)}
          {input('phone', 40)}
          {input('email', 254)}
        </SimpleGrid>
        <Textarea label={t('settings.companyField.address')} value={form.address ?? ''} maxLength={500} autosize minRows={2} onChange={(e) => setForm({ ...form, address: e.currentTarget.value })} />
        {save.error && <Text size="sm" c="red">{save.error.message}</Text>}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>{t('action.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
