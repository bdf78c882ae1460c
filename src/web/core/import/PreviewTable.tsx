import { ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The file's first rows as the server read them: wrong characters here mean another encoding. */
export function PreviewTable({ headers, rows, label }: { headers: string[]; rows: string[][]; label: string }) {
  const { t } = useTranslation();
  if (headers.length === 0) return <Text size="sm" c="dimmed">{t('import.noColumns')}</Text>;
  return (
    <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
      <Table striped withTableBorder withColumnBorders fz="sm" verticalSpacing={4} aria-label={label} style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th w={48} c="dimmed">#</Table.Th>
            {headers.map((h, i) => <Table.Th key={i}>{h}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td c="dimmed">{i + 1}</Table.Td>
              {headers.map((_, j) => <Table.Td key={j} maw={260} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r[j] ?? ''}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
