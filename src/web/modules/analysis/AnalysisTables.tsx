import { Anchor, Paper, ScrollArea, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AnalysisTable, TableCell, TableColumn } from '../../../shared/analysis-tables.js';
import { listHref } from '../../core/list/urlFilters.js';
import type { AnalysisFormat } from './useAnalysisFormat.js';

const numeric = (c: TableColumn) => c.kind !== 'text' && c.kind !== 'class';

function Cell({ cell, column, format, rowName }: { cell: TableCell; column: TableColumn; format: AnalysisFormat; rowName: string }) {
  const { t } = useTranslation();
  const text = format.cell(column.kind, cell.value);
  if (!cell.drill || cell.value === null) return <>{text}</>;
  // The number opens the list of its records; its name says which ones.
  return (
    <Anchor component={Link} href={listHref(cell.drill.entity, cell.drill.filters)} aria-label={t('analysis.openRecords', { value: text, row: rowName, column: column.title })}>
      {text}
    </Anchor>
  );
}

/** The data under a chart: every number the chart draws, with totals; a number with records behind it is a link to them. */
export function AnalysisTables({ tables, format }: { tables: readonly AnalysisTable[]; format: AnalysisFormat }) {
  return (
    <Stack gap="lg">
      {tables.map((table) => (
        <Paper key={table.id} withBorder radius="md" p="md">
          <Title order={3} size="h4" mb="sm">{table.title}</Title>
          <ScrollArea type="auto">
            <Table striped highlightOnHover withColumnBorders={false} aria-label={table.title} miw={table.columns.length * 110}>
              <Table.Thead>
                <Table.Tr>
                  {table.columns.map((c, i) => <Table.Th key={i} ta={numeric(c) ? 'right' : 'left'} style={{ whiteSpace: 'nowrap' }}>{c.title}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, i) => {
                      const column = table.columns[i];
                      const rowName = String(row[0]?.value ?? '');
                      return i === 0
                        ? <Table.Th key={i} scope="row" fw={500}>{format.cell(column.kind, cell.value)}</Table.Th>
                        : <Table.Td key={i} ta={numeric(column) ? 'right' : 'left'} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}><Cell cell={cell} column={column} format={format} rowName={rowName} /></Table.Td>;
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              {table.footer && (
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    {table.footer.map((cell, i) => (
                      i === 0
                        ? <Table.Th key={i} scope="row">{format.cell(table.columns[i].kind, cell.value)}</Table.Th>
                        : <Table.Td key={i} ta={numeric(table.columns[i]) ? 'right' : 'left'} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}><Cell cell={cell} column={table.columns[i]} format={format} rowName={String(table.footer?.[0]?.value ?? '')} /></Table.Td>
                    ))}
                  </Table.Tr>
                </Table.Tfoot>
              )}
            </Table>
          </ScrollArea>
        </Paper>
      ))}
    </Stack>
  );
}
