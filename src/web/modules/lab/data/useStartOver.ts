import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notify } from '../../../core/notify.js';
import type { Kept } from './labDataApi.js';

/**
 * A reset, sample data or restore: every record, dictionary and setting may have changed, so every
 * query is reset (lists start again from their first page, settings reload the currency and zone),
 * and a notification names the backup the replaced data was kept in.
 */
export function useStartOver<V>(run: (v: V) => Promise<Kept>, doneKey: string, onDone?: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (kept) => {
      onDone?.();
      // The file's name only: a toast is two lines at most, and Settings shows the folder.
      notify({ color: 'teal', autoClose: 10_000, message: t(doneKey, { name: kept.backup.name }) });
      await queryClient.resetQueries();
    },
  });
}
