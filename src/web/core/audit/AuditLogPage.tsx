import { Alert, Anchor, Button, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { ENTITIES, entityByName } from '../../../shared/entities/registry.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useMe } from '../../auth/useMe.js';
import { useFormatter } from '../fields/useFormatter.js';
import { temporal } from '../temporal.js';
import { useTimeZone, zonedInputToIso } from '../timeZone.js';
import { auditApi, auditKey, type AuditEntry, type AuditFilters } from './auditApi.js';
import { AuditEntryCard } from './AuditEntryCard.js';
import { AuditFiltersBar, filtersFromSearch, type AuditFilterInput } from './AuditFiltersBar.js';

/** A day's start in the zone, as the instant the API filters by; `next` gives the following day's. */
function dayStart(day: string, tz: string, next = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = next ? temporal().PlainDate.from(day).add({ days: 1 }).toString() : day;
  return zonedInputToIso(`${d}T00:00`, tz);
}

/** One line of the log with a link to its record (a deleted one still opens: its page says it is in Trash). */
function LogEntry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const entity = entityByName(entry.entity);
  const format = useFormatter(entity ?? ENTITIES[0]);
  const name = entity ? t(entity.label) : t(`audit.entity.${entry.entity}`, { defaultValue: entry.entity });
  const extra = entry.recordId === null ? <Text size="sm">{name}</Text> : entity ? (
    <Anchor component={Link} href={`/${entity.path}/${entry.recordId}`} size="sm">{t('audit.recordLink', { entity: name, id: entry.recordId })}</Anchor>
  ) : <Text size="sm">{t('audit.recordLink', { entity: name, id: entry.recordId })}</Text>;
  return <AuditEntryCard entry={entry} entity={entity} format={entity ? format : null} extra={extra} />;
}

/** The Audit log (special right `audit`): every change, newest first, narrowed by record type, record, user, action and days. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const tz = useTimeZone();
  usePageTitle(t('audit.title'));
  const search = useSearch();
  const [input, setInput] = useState<AuditFilterInput>(() => filtersFromSearch(search));
  const [typed] = useDebouncedValue(input, 300);
  const filters = useMemo<AuditFilters>(() => ({
    entity: typed.entity ?? undefined, recordId: typed.recordId || undefined, actorId: typed.actorId, action: typed.action ?? undefined,
    from: dayStart(typed.fromDay, tz), to: dayStart(typed.toDay, tz, true),
  }), [typed, tz]);
  const allowed = me.hasSpecial('audit');
  const log = useInfiniteQuery({
    queryKey: auditKey(filters),
    enabled: allowed,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => auditApi.log(filters, pageParam, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
  if (me.isPending) return <Loader m="xl" />;
  if (!allowed) return <Alert color="gray" title={t('audit.title')}>{t('audit.notAllowed')}</Alert>;
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={2}>{t('audit.title')}</Title>
        <Text size="sm" c="dimmed">{t('audit.intro')}</Text>
      </div>
      <AuditFiltersBar value={input} onChange={setInput} />
      {log.error && <Alert color="red" title={t('error.title')}>{log.error.message}</Alert>}
      {log.isPending && <Loader size="sm" />}
      <Stack gap="sm" component="section" aria-label={t('audit.entries')}>
        {items.map((e) => <LogEntry key={e.id} entry={e} />)}
      </Stack>
      {log.isSuccess && items.length === 0 && <Text size="sm" c="dimmed">{t('audit.none')}</Text>}
      {log.hasNextPage && (
        <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          {t('audit.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
