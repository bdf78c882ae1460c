import { Alert, Button, Group, Loader, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAdjustments, IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText, IconPhoto } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { readOptions, type AnalysisName, type AnalysisOptions } from '../../../shared/analysis.js';
import { analysisTables, type AnalysisResult, type Translate } from '../../../shared/analysis-tables.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { Figure } from '../../core/record/Figure.js';
import { listHref } from '../../core/list/urlFilters.js';
import { AnalysisTables } from './AnalysisTables.js';
import { analysisFileUrl, optionParams, useAnalysis } from './analysisApi.js';
import { Chart, type ChartHandle } from './Chart.js';
import { chartOf } from './chartOptions.js';
import { OptionsDialog } from './OptionsDialog.js';
import { rememberedOptions, rememberOptions } from './rememberedOptions.js';
import { summaryOf, figuresOf } from './summary.js';
import { useAnalysisFormat } from './useAnalysisFormat.js';

/**
 * One sales analysis (M11): it opens with its options dialog (prefilled with the last options run
 * here); OK shows the chart and its tables; Options reopens the dialog. The page URL holds the
 * options, so a result can be reloaded and shared. Clicking a bar, slice or stage, or a number in a
 * table, opens the list of the records behind it.
 */
export function AnalysisPage<A extends AnalysisName>({ name }: { name: A }) {
  const { t, i18n } = useTranslation();
  const tr: Translate = useCallback((k, v) => t(k, v ?? {}), [t]);
  const search = useSearch();
  const [location, navigate] = useLocation();
  const title = t(`analysis.${name}.title`);
  usePageTitle(title);
  const format = useAnalysisFormat();
  const chart = useRef<ChartHandle>(null);

  const fromUrl = useMemo(() => (search ? readOptions(name, Object.fromEntries(new URLSearchParams(search))) : null), [name, search]);
  const chosen = fromUrl && fromUrl.errors.length === 0 ? fromUrl.options : null;
  const [dialogOpen, setDialogOpen] = useState(!chosen);
  const initial = useMemo(() => chosen ?? rememberedOptions(name), [chosen, name]);
  const result = useAnalysis(name, chosen);

  const run = (options: AnalysisOptions[A]) => {
    rememberOptions(name, options);
    setDialogOpen(false);
    navigate(`${location}?${new URLSearchParams(optionParams(name, options)).toString()}`);
  };
  const data: AnalysisResult | undefined = result.data;
  const spec = useMemo(() => (data ? chartOf(data, i18n.language, tr, format) : null), [data, i18n.language, tr, format]);
  const tables = useMemo(() => (data ? analysisTables(data, i18n.language, tr) : []), [data, i18n.language, tr]);
  const onPick = useCallback((si: number, di: number) => {
    const d = spec?.drillAt(si, di);
    if (d) navigate(listHref(d.entity, d.filters));
  }, [spec, navigate]);
  const downloadPng = () => {
    const url = chart.current?.png();
    if (!url || !data) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}-${data.period.from}-${data.period.to}.png`;
    a.click();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>{title}</Title>
          {data && <Text size="sm" c="dimmed">{summaryOf(data, i18n.language, tr)}</Text>}
        </div>
        <Group gap="sm" wrap="nowrap">
          <Button leftSection={<IconAdjustments size={16} aria-hidden />} onClick={() => setDialogOpen(true)}>{t('analysis.options')}</Button>
          {chosen && data && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>{t('action.export')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPhoto size={16} aria-hidden />} onClick={downloadPng} disabled={data.empty}>{t('analysis.export.png')}</Menu.Item>
                <Menu.Item component="a" href={analysisFileUrl(name, chosen, 'csv', i18n.language)} download leftSection={<IconFileText size={16} aria-hidden />}>{t('analysis.export.csv')}</Menu.Item>
                <Menu.Item component="a" href={analysisFileUrl(name, chosen, 'xlsx', i18n.language)} download leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>{t('analysis.export.xlsx')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>

      {fromUrl && fromUrl.errors.length > 0 && (
        <Alert color="orange" title={t('analysis.badLink')}>{fromUrl.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}</Alert>
      )}
      {!chosen && !dialogOpen && (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed" mb="sm">{t('analysis.chooseOptions')}</Text>
          <Button variant="light" onClick={() => setDialogOpen(true)}>{t('analysis.options')}</Button>
        </Paper>
      )}
      {chosen && result.isPending && <Group justify="center" p="xl"><Loader aria-label={t('list.loading')} /></Group>}
      {result.error && <Alert color="red" title={t('error.title')}>{result.error.message}</Alert>}

      {data && data.empty && (
        <Alert color="gray" title={t(`analysis.${name}.empty`)}>{t('analysis.emptyHint')}</Alert>
      )}
      {data && !data.empty && spec && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {figuresOf(data, format, tr).map((f) => <Figure key={f.label} label={f.label} value={f.value} note={f.note} color={f.color} />)}
          </SimpleGrid>
          <Paper withBorder radius="md" p="md">
            <Chart ref={chart} option={spec.option} height={spec.height} label={t('analysis.chartLabel', { analysis: title })} onPick={onPick} />
            <Text size="xs" c="dimmed" ta="center">{t('analysis.clickHint')}</Text>
          </Paper>
          <AnalysisTables tables={tables} format={format} />
        </>
      )}

      <OptionsDialog name={name} opened={dialogOpen} initial={initial} onOk={run} onCancel={() => setDialogOpen(false)} />
    </Stack>
  );
}
