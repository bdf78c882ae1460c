import { Stack, Tabs, Title } from '@mantine/core';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { extensionsOf } from '../extensions.js';
import { EntityList } from './EntityList.js';
import { useLinkFilters } from './useLinkFilters.js';

const LIST = 'list';
const storageKey = (entity: EntityDef) => `rapport.${entity.path}.view`;

function savedView(entity: EntityDef, known: readonly string[]): string {
  try {
    const v = localStorage.getItem(storageKey(entity));
    return v && known.includes(v) ? v : LIST;
  } catch {
    return LIST;
  }
}

/**
 * The folder page every entity gets: the folder's name, then its views as tabs — "<Entity> list" first
 * (M2.a "Customer list" and M5.a "Contact list" are things a student clicks), then any a module adds
 * (the pipeline board). The last view chosen is remembered.
 */
export function EntityListPage({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const { linkFilters, onLinkFiltersChange } = useLinkFilters(entity);
  const views = extensionsOf(entity).listViews;
  const known = [LIST, ...views.map((v) => v.value)];
  const [view, setView] = useState(() => savedView(entity, known));
  const listTitle = t(`${entity.name}.list`);
  const folder = t(`nav.${entity.path}`);
  // A list opened with filters (an analysis's drill-down) shows them on the list, whatever view was last chosen.
  const current = linkFilters.length ? undefined : views.find((v) => v.value === view);
  const shown = current ? view : LIST;
  usePageTitle(current ? t(current.label) : listTitle);
  const choose = (v: string | null) => {
    if (!v || !known.includes(v)) return;
    setView(v);
    try { localStorage.setItem(storageKey(entity), v); } catch { /* not remembered */ }
  };
  // Mantine names a tab `<id>-tab-<value>` and its panel `<id>-panel-<value>`: the content below is that panel.
  const id = `folder-${entity.path}`;
  const panel: HTMLAttributes<HTMLDivElement> = { role: 'tabpanel', id: `${id}-panel-${shown}`, 'aria-labelledby': `${id}-tab-${shown}` };
  const tabs = (
    <Tabs id={id} value={shown} onChange={choose}>
      <Tabs.List aria-label={t('list.views')}>
        <Tabs.Tab value={LIST}>{listTitle}</Tabs.Tab>
        {views.map((v) => <Tabs.Tab key={v.value} value={v.value}>{t(v.label)}</Tabs.Tab>)}
      </Tabs.List>
    </Tabs>
  );
  if (!current) return <EntityList entity={entity} title={listTitle} heading={folder} tabs={tabs} panel={panel} linkFilters={linkFilters} onLinkFiltersChange={onLinkFiltersChange} />;
  return (
    <Stack gap="sm">
      <Title order={2}>{folder}</Title>
      {tabs}
      <div {...panel}>
        <current.View entity={entity} />
      </div>
    </Stack>
  );
}
