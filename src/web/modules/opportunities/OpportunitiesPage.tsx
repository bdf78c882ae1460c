import { SegmentedControl, Stack, TextInput, Title, Group } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { EntityList } from '../../core/list/EntityList.js';
import { PipelineBoard } from './PipelineBoard.js';

type View = 'list' | 'pipeline';
const STORAGE = 'rapport.opportunities.view';

function savedView(): View {
  try {
    return localStorage.getItem(STORAGE) === 'pipeline' ? 'pipeline' : 'list';
  } catch {
    return 'list';
  }
}

/** M8.a: Sales opportunities — "Opportunity management": the list, and beside it the pipeline board. */
export function OpportunitiesPage({ entity }: { entity: EntityDef }) {
  const { t, i18n } = useTranslation();
  const title = t('opportunity.list');
  usePageTitle(title);
  const [view, setView] = useState<View>(savedView);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const params = useMemo(() => ({ q: q.trim() || undefined, locale: i18n.language }), [q, i18n.language]);
  const switcher = (
    <SegmentedControl
      aria-label={t('pipeline.view')}
      value={view}
      onChange={(v) => {
        const next: View = v === 'pipeline' ? 'pipeline' : 'list';
        setView(next);
        try { localStorage.setItem(STORAGE, next); } catch { /* not remembered */ }
      }}
      data={[{ value: 'list', label: t('pipeline.listView') }, { value: 'pipeline', label: t('pipeline.title') }]}
    />
  );
  if (view === 'list') return <EntityList entity={entity} title={title} actions={switcher} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{title}</Title>
        {switcher}
      </Group>
      <TextInput type="search" aria-label={t('action.search')} placeholder={t('opportunity.searchPlaceholder')} leftSection={<IconSearch size={16} aria-hidden />}
        value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} />
      <PipelineBoard params={params} />
    </Stack>
  );
}
