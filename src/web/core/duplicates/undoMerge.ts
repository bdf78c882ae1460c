import type { QueryClient } from '@tanstack/react-query';
import { notify } from '../notify.js';
import { duplicatesApi, type MergeAnswer } from './duplicatesApi.js';

/**
 * Undoes a merge and refreshes every record list (the moved contacts, activities… are back with their record).
 * A plain function, not a hook: the Undo of a toast runs after the page that merged has gone.
 */
export async function undoMerge(queryClient: QueryClient, mergeId: number, texts: { done: (a: MergeAnswer) => string; failed: (message: string) => string }): Promise<MergeAnswer | null> {
  try {
    const answer = await duplicatesApi.undo(mergeId);
    await queryClient.invalidateQueries({ queryKey: ['records'] });
    notify({ color: 'teal', message: texts.done(answer) });
    return answer;
  } catch (err) {
    notify({ color: 'red', message: texts.failed(err instanceof Error ? err.message : String(err)) });
    return null;
  }
}
