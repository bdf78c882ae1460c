import { Accordion, Badge, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDictionaries, useDictionary, type DictionaryInfo } from '../core/lookups.js';
import { LANGUAGES, isLanguage, rememberLanguage } from './i18n.js';
import { TimeZoneSetting } from './TimeZoneSetting.js';
import { usePageTitle } from './usePageTitle.js';

function DictionaryValues({ dictionary }: { dictionary: DictionaryInfo }) {
  const { t } = useTranslation();
  const values = useDictionary(dictionary.key);
  if (values.isPending) return <Loader size="xs" />;
  return (
    <Table verticalSpacing={4} aria-label={t(dictionary.name, { defaultValue: dictionary.key })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th fz="xs">{t('settings.label')}</Table.Th>
          <Table.Th fz="xs">{t('settings.code')}</Table.Th>
          <Table.Th fz="xs" w={120} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(values.data ?? []).map((v) => (
          <Table.Tr key={v.id}>
            <Table.Td fz="sm">{v.label}</Table.Td>
            <Table.Td fz="sm" c="dimmed">
              {v.code}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={v.active ? 'teal' : 'gray'}>
                {t(v.active ? 'settings.active' : 'settings.inactive')}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Language and a read-only view of the dictionaries; editing dictionaries is a later issue. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const dictionaries = useDictionaries();
  usePageTitle(t('settings.title'));
  return (
    <Stack gap="md" maw={900}>
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
        <TimeZoneSetting />
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} fz="md" mb={4}>
          {t('settings.dictionaries')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('settings.dictionariesHint')}
        </Text>
        {dictionaries.isPending && <Loader size="sm" />}
        <Accordion variant="separated" multiple>
          {(dictionaries.data ?? []).map((d) => (
            <Accordion.Item key={d.key} value={d.key}>
              <Accordion.Control>{t(d.name, { defaultValue: d.key })}</Accordion.Control>
              <Accordion.Panel>
                <DictionaryValues dictionary={d} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Paper>
    </Stack>
  );
}
