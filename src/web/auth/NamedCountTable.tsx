import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The teams' and the roles' table: a name, how many users hold it, and the row's actions. */
export function NamedCountTable({ label, nameHeader, children }: { label: string; nameHeader: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={6} highlightOnHover aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th fz="xs">{nameHeader}</Table.Th>
          <Table.Th fz="xs" w={120}>{t('accounts.teams.users')}</Table.Th>
          <Table.Th fz="xs" w={90}><VisuallyHidden>{t('accounts.actions')}</VisuallyHidden></Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
