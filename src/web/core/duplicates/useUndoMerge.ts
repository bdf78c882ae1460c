import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { undoMerge } from './undoMerge.js';

/** Undo from a page (the merge history): the merge being undone shows its spinner. */
export function useUndoMerge() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<number | null>(null);
  const undo = async (mergeId: number) => {
    setBusy(mergeId);
    await undoMerge(queryClient, mergeId, {
      done: () => t('duplicates.undone'),
      failed: (message) => t('duplicates.undoFailed', { message }),
    });
    setBusy(null);
  };
  return { undo, busy };
}
