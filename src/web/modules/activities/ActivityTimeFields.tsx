import { NumberInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../core/fields/validation.js';
import type { ActivityForm } from './activityForm.js';

interface Props {
  form: ActivityForm;
  errors: FieldErrors;
  set: <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) => void;
}

/** All day switch: dates (never shifted by time zones) when on, date-times in the user's zone when off. */
export function ActivityTimeFields({ form, errors, set }: Props) {
  const { t } = useTranslation();
  const toggle = (allDay: boolean) => {
    set('allDay', allDay);
    // Carry the day over, so switching does not lose what was chosen.
    if (allDay && !form.startDate && form.startAt) set('startDate', form.startAt.slice(0, 10));
    if (allDay && !form.endDate && form.endAt) set('endDate', form.endAt.slice(0, 10));
    if (!allDay && !form.startAt && form.startDate) set('startAt', `${form.startDate}T09:00`);
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
      <Switch
        name="allDay"
        label={t('activity.field.allDay')}
        checked={form.allDay}
        onChange={(e) => toggle(e.currentTarget.checked)}
        mt="lg"
        style={{ gridColumn: '1 / -1' }}
      />
      {form.allDay ? (
        <>
          <TextInput type="date" name="startDate" label={t('activity.field.startDate')} required value={form.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.startDate} />
          <TextInput type="date" name="endDate" label={t('activity.field.endDate')} value={form.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.endDate} />
        </>
      ) : (
        <>
          <TextInput type="datetime-local" name="startAt" label={t('activity.field.startAt')} required value={form.startAt} onChange={(e) => set('startAt', e.currentTarget.value)} error={errors.startAt} />
          <TextInput type="datetime-local" name="endAt" label={t('activity.field.endAt')} value={form.endAt} onChange={(e) => set('endAt', e.currentTarget.value)} error={errors.endAt} />
        </>
      )}
      <NumberInput
        name="reminderMinutes"
        label={t('activity.field.reminderMinutes')}
        value={form.reminderMinutes ?? ''}
        onChange={(v) => set('reminderMinutes', typeof v === 'number' ? v : null)}
        allowDecimal={false}
        min={0}
        max={40_320}
        error={errors.reminderMinutes}
      />
    </SimpleGrid>
  );
}
