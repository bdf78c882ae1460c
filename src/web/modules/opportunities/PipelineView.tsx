import { Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PipelineBoard } from './PipelineBoard.js';

/** The Sales opportunities folder's Pipeline tab: the board, narrowed by a search. */
export function PipelineView() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const params = useMemo(() => ({ q: q.trim() || undefined, locale: i18n.language }), [q, i18n.language]);
  return (
    <Stack gap="sm">
      <TextInput type="search" aria-label={t('action.search')} placeholder={t('opportunity.searchPlaceholder')} leftSection={<IconSearch size={16} aria-hidden />}
        value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} />
      <PipelineBoard params={params} />
    </Stack>
  );
}
