import { Alert, Badge, Button, Checkbox, Group, Input, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/contacts/vcard-import-report.js';
import { contactsApi } from './contactsApi.js';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Import vCard: choose a .vcf, see the dry run's fate of every card, then confirm (nothing is written before). */
export function ImportVcardDialog({ opened, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [createCustomers, setCreateCustomers] = useState(false);
  const nf = new Intl.NumberFormat(i18n.language);

  const dryRun = useMutation({ mutationFn: (v: { text: string; createCustomers: boolean }) => contactsApi.importVcards(v.text, { ...v, dryRun: true }) });
  const run = useMutation({
    mutationFn: (v: { text: string; createCustomers: boolean }) => contactsApi.importVcards(v.text, { ...v, dryRun: false }),
    onSuccess: (r) => {
      notify({ color: 'teal', icon: <IconCheck size={18} />, message: t('vcard.imported', { count: r.created, n: nf.format(r.created) }) });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      onClose();
    },
  });

  // Each opening starts empty.
  const resetDry = dryRun.reset;
  const resetRun = run.reset;
  useEffect(() => {
    if (!opened) return;
    setText(null);
    setFileName('');
    setCreateCustomers(false);
    resetDry();
    resetRun();
  }, [opened, resetDry, resetRun]);

  // The report follows the file and the option: every change asks the server again (nothing is written).
  const check = dryRun.mutate;
  useEffect(() => {
    if (text !== null) check({ text, createCustomers });
  }, [text, createCustomers, check]);

  const report: ImportReport | undefined = dryRun.data;
  return (
    <Modal opened={opened} onClose={onClose} title={t('vcard.importTitle')} size={760} closeButtonProps={{ 'aria-label': t('action.close') }} styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}>
      <Stack gap="sm">
        <Input.Wrapper label={t('vcard.file')} description={t('vcard.fileHint')} labelProps={{ htmlFor: inputId }}>
          <input
            id={inputId}
            type="file"
            accept=".vcf,.vcard,text/vcard,text/x-vcard"
            style={{ display: 'block', marginTop: 6, fontSize: 'var(--mantine-font-size-sm)' }}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then(setText);
            }}
          />
        </Input.Wrapper>
        <Checkbox label={t('vcard.createCustomers')} checked={createCustomers} onChange={(e) => setCreateCustomers(e.currentTarget.checked)} />
        {dryRun.error && <Alert color="red">{dryRun.error.message}</Alert>}
        {run.error && <Alert color="red">{run.error.message}</Alert>}
        {report && (
          <Stack gap={6} role="region" aria-label={t('vcard.report')}>
            <Text size="sm" fw={600}>
              {t('vcard.summary', { file: fileName, created: nf.format(report.created), skipped: nf.format(report.skipped), customers: nf.format(report.customersCreated) })}
            </Text>
            <ScrollArea.Autosize mah={280}>
              <Table verticalSpacing={4} fz="sm" aria-label={t('vcard.report')}>
                <Table.Thead bg="gray.1">
                  <Table.Tr>
                    <Table.Th w={50}>#</Table.Th>
                    <Table.Th>{t('contact.field.name')}</Table.Th>
                    <Table.Th>{t('contact.field.customer')}</Table.Th>
                    <Table.Th>{t('vcard.result')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rows.map((r) => (
                    <Table.Tr key={r.card}>
                      <Table.Td c="dimmed">{r.card}</Table.Td>
                      <Table.Td>{r.name ?? '—'}</Table.Td>
                      <Table.Td>{r.customer ?? '—'}</Table.Td>
                      <Table.Td>
                        {r.action === 'created' ? (
                          <Badge color="teal" variant="light" tt="none">
                            {t('vcard.willCreate')}
                          </Badge>
                        ) : (
                          <Text size="xs" c="orange.8">
                            {t('vcard.skipped')}: {r.reason ?? ''}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button
            onClick={() => text !== null && run.mutate({ text, createCustomers })}
            disabled={!report || report.created === 0 || dryRun.isPending}
            loading={run.isPending || dryRun.isPending}
          >
            {t('vcard.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
