import { Alert, Button, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.js';
import { ActivitiesTile } from './ActivitiesTile.js';
import { useDashboard } from './dashboardApi.js';
import { PipelineTile } from './PipelineTile.js';
import { SalesTile } from './SalesTile.js';
import { ServiceTile } from './ServiceTile.js';

/**
 * The home page (issue 12): four tiles from one request — activities, the pipeline, this month's
 * sales and open service feedback — each number a link to the list of exactly its records.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const title = t('dashboard.title');
  usePageTitle(title);
  const q = useDashboard();
  const data = q.data;
  // Today as the server counts it (the installation's zone), a calendar day read in UTC.
  const today = data ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${data.today}T00:00:00Z`)) : '';
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{title}</Title>
        <Text size="sm" c="dimmed" mih={20}>{today}</Text>
      </div>
      {q.error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('dashboard.error')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{q.error.message}</Text>
            <Button size="compact-sm" variant="default" loading={q.isFetching} onClick={() => void q.refetch()}>{t('action.retry')}</Button>
          </Stack>
        </Alert>
      ) : (
        // Columns follow the room the page has, not the window: two tiles a row once it is 720 px wide (a window of about 1000 px).
        <SimpleGrid type="container" cols={{ base: 1, '720px': 2 }} spacing="md">
          <ActivitiesTile data={data?.activities} />
          <PipelineTile data={data?.pipeline} />
          <SalesTile data={data?.sales} />
          <ServiceTile data={data?.service} />
        </SimpleGrid>
      )}
    </Stack>
  );
}
