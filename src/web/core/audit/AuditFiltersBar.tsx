import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTITIES } from '../../../shared/entities/registry.js';
import { UserSelect } from '../fields/UserSelect.js';
import { useUsers } from '../lookups.js';
import { AUDIT_ACTIONS } from './auditApi.js';

/** What the log records beside the entities' records: accounts, roles, teams, tokens and settings. */
const ACCOUNT_ENTITIES = ['user', 'team', 'role', 'apiToken', 'settings'] as const;

/** What the Audit log is narrowed by, as typed: days are calendar days in the display zone. */
export interface AuditFilterInput {
  entity: string | null;
  recordId: string;
  actorId: number | null;
  action: string | null;
  fromDay: string;
  toDay: string;
}

export const NO_AUDIT_FILTERS: AuditFilterInput = { entity: null, recordId: '', actorId: null, action: null, fromDay: '', toDay: '' };

/** A link's filters (`/audit?entity=customer&recordId=12`, from a record's Changes tab) as the page starts with them. */
export function filtersFromSearch(search: string): AuditFilterInput {
  const q = new URLSearchParams(search);
  const recordId = q.get('recordId') ?? '';
  return { ...NO_AUDIT_FILTERS, entity: q.get('entity') || null, recordId: /^\d{1,10}$/.test(recordId) ? recordId : '' };
}

export function AuditFiltersBar({ value, onChange }: { value: AuditFilterInput; onChange: (v: AuditFilterInput) => void }) {
  const { t } = useTranslation();
  // The user picker needs the users list; without the right to read it the filter is left out.
  const users = useUsers();
  const set = <K extends keyof AuditFilterInput>(k: K, v: AuditFilterInput[K]) => onChange({ ...value, [k]: v });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select label={t('audit.filter.entity')} placeholder={t('audit.filter.any')} w={200} clearable
        data={[...ENTITIES.map((e) => ({ value: e.name, label: t(e.pluralLabel) })), ...ACCOUNT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))]} value={value.entity} onChange={(v) => set('entity', v)} />
      <TextInput label={t('audit.filter.recordId')} w={120} inputMode="numeric" value={value.recordId}
        onChange={(e) => set('recordId', e.currentTarget.value.replace(/\D/g, ''))} />
      {!users.isError && (
        <UserSelect label={t('audit.filter.user')} placeholder={t('audit.filter.any')} w={190} value={value.actorId} onChange={(v) => set('actorId', v)} />
      )}
      <Select label={t('audit.filter.action')} placeholder={t('audit.filter.any')} w={170} clearable
        data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))} value={value.action} onChange={(v) => set('action', v)} />
      <TextInput type="date" label={t('audit.filter.from')} w={160} value={value.fromDay} max={value.toDay || undefined} onChange={(e) => set('fromDay', e.currentTarget.value)} />
      <TextInput type="date" label={t('audit.filter.to')} w={160} value={value.toDay} min={value.fromDay || undefined} onChange={(e) => set('toDay', e.currentTarget.value)} />
    </Group>
  );
}
