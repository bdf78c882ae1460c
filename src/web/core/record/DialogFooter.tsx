import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './DialogFooter.module.css';

export type SaveMode = 'close' | 'new';

interface DialogFooterProps {
  onCancel: () => void;
  /** Save and New is offered when creating, not when editing. */
  onSaveAndNew?: () => void;
  /** The save in flight, if any: its button shows the spinner. */
  saving: SaveMode | null;
  /** The submit button's text when an entity's manual step names it otherwise (a product's OK, M7.e). */
  submitLabel?: string;
}

/**
 * Cancel / Save and New / Save record: the lab manual's buttons, the same in every record dialog. The form's submit is
 * Save record. The footer sticks to the bottom of the dialog, so Save record is in view however long the form (issue 10).
 */
export function DialogFooter({ onCancel, onSaveAndNew, saving, submitLabel }: DialogFooterProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" className={classes.footer}>
      <Button variant="default" onClick={onCancel}>
        {t('action.cancel')}
      </Button>
      {onSaveAndNew && (
        <Button variant="light" onClick={onSaveAndNew} loading={saving === 'new'}>
          {t('action.saveAndNew')}
        </Button>
      )}
      <Button type="submit" loading={saving === 'close'}>
        {submitLabel ?? t('action.saveRecord')}
      </Button>
    </Group>
  );
}
