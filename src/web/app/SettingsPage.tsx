import { Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { entityByName } from '../../shared/entities/registry.js';
import { DictionaryEditorOnDemand } from '../core/dictionaries/DictionaryEditorOnDemand.js';
import { useDictionaries } from '../core/lookups.js';
import { AccountsSettingsSections } from '../auth/AccountsSettingsSections.js';
import { AttachmentSetting } from './AttachmentSetting.js';
import { CompanySetting } from './CompanySetting.js';
import { CurrencySetting } from './CurrencySetting.js';
import { LANGUAGES, isLanguage, rememberLanguage } from './i18n.js';
import { TimeZoneSetting } from './TimeZoneSetting.js';
import { UserNameSetting } from './UserNameSetting.js';
import { usePageTitle } from './usePageTitle.js';
import { settingsSectionsOf } from '../core/pages.js';
import { useMe, type SpecialRight } from '../auth/useMe.js';

/** Every dictionary, each opened in the same editor the forms' … buttons open. */
function DictionariesSetting() {
  const { t } = useTranslation();
  const dictionaries = useDictionaries();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <Table verticalSpacing={6} aria-label={t('settings.dictionaries')} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs">{t('settings.dictionary')}</Table.Th>
            <Table.Th fz="xs">{t('settings.usedIn')}</Table.Th>
            <Table.Th fz="xs" w={110} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(dictionaries.data ?? []).map((d) => {
            const name = t(d.name, { defaultValue: d.key });
            const used = d.usedBy.map((u) => {
              const e = entityByName(u.entity);
              return e ? `${t(e.pluralLabel)} › ${t(e.allFields[u.field]?.label ?? u.field)}` : u.field;
            });
            return (
              <Table.Tr key={d.key}>
                <Table.Td fz="sm" fw={500}>{name}</Table.Td>
                <Table.Td fz="sm" c="dimmed">{used.join(', ')}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} aria-label={t('dictionaryEditor.title', { name })} onClick={() => setEditing(d.key)}>
                    {t('action.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {editing && <DictionaryEditorOnDemand dictionary={editing} opened onClose={() => setEditing(null)} />}
    </>
  );
}

/** Language, time zone, currency, the company on printed sales, the attachment size limit, and the dictionaries; the installation's parts for those with the right. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('settings.title'));
  const { me, hasSpecial } = useMe();
  // The installation's settings for those with the right (issue 15); everyone keeps their language, name and zone.
  const allows = (right: SpecialRight) => !me?.permissions || hasSpecial(right);
  return (
    <Stack gap="md" maw={980}>
      <Title order={2}>{t('settings.title')}</Title>
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Text fw={500}>{t('settings.language')}</Text>
          <SegmentedControl
            value={i18n.language}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            onChange={(v) => {
              if (isLanguage(v)) rememberLanguage(v);
            }}
          />
        </Group>
      </Paper>
      <Paper withBorder p="md">
        <UserNameSetting />
      </Paper>
      <Paper withBorder p="md">
        <TimeZoneSetting installation={allows('settings')} />
      </Paper>
      {allows('settings') && (
        <>
          <Paper withBorder p="md">
            <CurrencySetting />
          </Paper>
          <Paper withBorder p="md">
            <CompanySetting />
          </Paper>
        </>
      )}
      <AccountsSettingsSections />
      <Paper withBorder p="md">
        <Group justify="space-between">
          <div>
            <Title order={3} fz="md" mb={4}>{t('import.historyTitle')}</Title>
            <Text size="sm" c="dimmed">{t('import.historySettingHint')}</Text>
          </div>
          <Button variant="default" component={Link} href="/imports">{t('import.openHistory')}</Button>
        </Group>
      </Paper>
      {allows('settings') && (
        <>
          {settingsSectionsOf().map((Section, i) => (
            <Paper key={i} withBorder p="md">
              <Section />
            </Paper>
          ))}
          <Paper withBorder p="md">
            <AttachmentSetting />
          </Paper>
        </>
      )}
      {allows('dictionaries') && (
        <Paper withBorder p="md">
          <Title order={3} fz="md" mb={4}>
            {t('settings.dictionaries')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('settings.dictionariesHint')}
          </Text>
          <DictionariesSetting />
        </Paper>
      )}
    </Stack>
  );
}
