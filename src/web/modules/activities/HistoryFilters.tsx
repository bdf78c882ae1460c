import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { customerEntity } from '../../../shared/entities/customer.entity.js';
import { DictionarySelect } from '../../core/fields/DictionarySelect.js';
import { ReferenceSelect } from '../../core/fields/ReferenceSelect.js';
import { UserSelect } from '../../core/fields/UserSelect.js';

export interface HistoryFilterValues {
  customerId: number | null;
  contactId: number | null;
  typeId: number | null;
  ownerId: number | null;
  /** Ended on or after / on or before these dates (in the user's time zone). */
  from: string;
  to: string;
}

export const NO_HISTORY_FILTERS: HistoryFilterValues = { customerId: null, contactId: null, typeId: null, ownerId: null, from: '', to: '' };

interface Props {
  value: HistoryFilterValues;
  onChange: (v: HistoryFilterValues) => void;
}

/** History's filters: customer, contact, type, owner and the date range it ended in. */
export function HistoryFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const F = activityEntity.fields;
  const by = (label: string) => t('list.filterBy', { field: label });
  const set = <K extends keyof HistoryFilterValues>(k: K, v: HistoryFilterValues[K]) => onChange({ ...value, [k]: v });
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <ReferenceSelect target={customerEntity} aria-label={by(t(F.customerId.label))} placeholder={t(F.customerId.label)} value={value.customerId} onChange={(v) => set('customerId', v)} w={180} />
      <ReferenceSelect
        target={contactEntity}
        aria-label={by(t(F.contactId.label))}
        placeholder={t(F.contactId.label)}
        value={value.contactId}
        query={value.customerId === null ? undefined : { 'filter[customerId]': value.customerId }}
        onChange={(v) => set('contactId', v)}
        w={180}
      />
      <DictionarySelect dictionary="activity-type" aria-label={by(t(F.typeId.label))} placeholder={t(F.typeId.label)} value={value.typeId} onChange={(v) => set('typeId', typeof v === 'number' ? v : null)} clearable w={160} />
      <UserSelect aria-label={by(t('field.owner'))} placeholder={t('field.owner')} value={value.ownerId} onChange={(v) => set('ownerId', typeof v === 'number' ? v : null)} clearable w={150} />
      {/* Labelled where they stand: a bare date box says nothing about what it filters (issue 10). */}
      <TextInput type="date" label={t('history.endedFrom')} value={value.from} max={value.to || undefined} onChange={(e) => set('from', e.currentTarget.value)} w={160} size="sm" />
      <TextInput type="date" label={t('history.endedTo')} value={value.to} min={value.from || undefined} onChange={(e) => set('to', e.currentTarget.value)} w={160} size="sm" />
    </Group>
  );
}
