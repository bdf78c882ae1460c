import { Button, Modal, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entityByName } from '../../../shared/entities/registry.js';
import type { ImportJob } from '../../../shared/import.js';

/** "Mapping": the columns and the fields they went to, with the constants and options, in a dialog. */
export function MappingSummary({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const entity = entityByName(job.entity);
  const label = (f: string) => { const d = entity?.allFields[f]; return d ? t(d.label) : f; };
  const constants = Object.entries(job.options.constants ?? {});
  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpen(true)}>{t('import.showMapping')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('import.mappingOf', { file: job.fileName })} closeButtonProps={{ 'aria-label': t('action.close') }} size="lg">
        <Table fz="sm" withTableBorder aria-label={t('import.mappingTable')}>
          <Table.Thead bg="gray.1">
            <Table.Tr><Table.Th>{t('import.fileColumn')}</Table.Th><Table.Th>{t('import.field')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(job.mapping).map(([column, field]) => (
              <Table.Tr key={column}>
                <Table.Td>{column}</Table.Td>
                <Table.Td c={field ? undefined : 'dimmed'}>{field ? label(field) : t('import.doNotImport')}</Table.Td>
              </Table.Tr>
            ))}
            {constants.map(([field, value]) => (
              <Table.Tr key={`c-${field}`}>
                <Table.Td c="dimmed">{t('import.constantShown', { value })}</Table.Td>
                <Table.Td>{label(field)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="sm">
          {t(`import.modes.${job.options.mode ?? 'create'}`)}
          {job.options.matchOn?.length ? ` · ${t('import.matchOn')}: ${job.options.matchOn.map(label).join(' + ')}` : ''}
        </Text>
      </Modal>
    </>
  );
}
