import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import { useMe } from '../../auth/useMe.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityAccess } from '../access.js';
import { auditApi, changesKey } from '../audit/auditApi.js';
import { AuditEntryCard } from '../audit/AuditEntryCard.js';
import { useFormatter } from '../fields/useFormatter.js';
import { sameApiValue } from '../fields/formValues.js';
import type { EntityRecord } from '../records.js';
import { RestoreValueDialog, type RestoreTarget } from './RestoreValueDialog.js';

/** Actions whose `before` is a value the record once had (a create's is nothing; an export changes nothing). */
const RESTORABLE = new Set(['update', 'restore', 'merge', 'import']);

/** "Changes" on every record's page: the audit trail of this record, newest first, with "Restore this value" per field. */
export function ChangesTab({ entity, record }: { entity: EntityDef; record: EntityRecord }) {
  const { t } = useTranslation();
  const format = useFormatter(entity);
  const access = useEntityAccess(entity);
  const { hasSpecial } = useMe();
  const [target, setTarget] = useState<RestoreTarget | null>(null);
  const changes = useQuery({
    // The version is in the key, so every save of the record (a dialog, an inline edit, a restore) shows its line at once.
    queryKey: [...changesKey(entity, record.id), record.version],
    queryFn: ({ signal }) => auditApi.changes(entity, record.id, signal),
    // The list stays while the next version's loads (and the restore dialog over it stays open).
    placeholderData: keepPreviousData,
  });

  const canRestore = (action: string, field: string, before: unknown) => {
    const def = entity.fields[field];
    if (!RESTORABLE.has(action) || !def || def.readOnly || def.kind === 'computed' || def.kind === 'lines') return false;
    if (!access.can('edit') || !access.writable(field)) return false;
    // Offered only where the record holds something else now.
    return !sameApiValue(before ?? null, record[field] ?? null);
  };

  return (
    <Stack gap="sm" aria-label={t('changes.tab')} component="section">
      {hasSpecial('audit') && (
        <Anchor component={Link} href={`/audit?entity=${entity.name}&recordId=${record.id}`} size="sm" style={{ alignSelf: 'flex-end' }}>
          {t('changes.inAuditLog')}
        </Anchor>
      )}
      {changes.isPending && <Loader size="sm" />}
      {changes.error && <Alert color="red" title={t('error.title')}>{changes.error.message}</Alert>}
      {changes.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('changes.none')}</Text>}
      {changes.data?.items.map((entry) => (
        <AuditEntryCard key={entry.id} entry={entry} entity={entity} format={format}
          onRestore={(change, label, value) => (canRestore(entry.action, change.field, change.before) ? () => setTarget({ entryId: entry.id, field: change.field, label, value }) : undefined)} />
      ))}
      <RestoreValueDialog entity={entity} record={record} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
