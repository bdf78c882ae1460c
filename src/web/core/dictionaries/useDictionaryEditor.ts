import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, ConflictError } from '../api.js';
import { useDictionaries, useDictionary } from '../lookups.js';
import { dictionariesApi, dictionaryKeys, refreshDictionary, type DictionaryValue, type ValueChange } from './dictionariesApi.js';
import { reportUsage } from '../usage.js';

export interface EditorNotice {
  color: 'red' | 'orange' | 'teal';
  text: string;
  /** A value that could not be deleted because records use it: the notice offers deactivate and merge. */
  inUse?: DictionaryValue;
}

/** What a problem from the server says, in the user's words where we know them. */
function problemText(err: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (err instanceof ApiError && err.fieldErrors.length) return err.fieldErrors.map((e) => e.message).join('; ');
  return err instanceof Error ? err.message : t('error.title');
}

/**
 * The editor's data and every change it makes. Each change is its own request (one transaction
 * on the server); afterwards the values are read again everywhere (refreshDictionary).
 */
export function useDictionaryEditor(key: string, parentId: number | null) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const info = useDictionaries().data?.find((d) => d.key === key);
  const values = useDictionary(key);
  const usage = useQuery({ queryKey: dictionaryKeys.usage(key), queryFn: ({ signal }) => dictionariesApi.usage(key, signal) });
  const [notice, setNotice] = useState<EditorNotice | null>(null);
  // The order shown while a reorder is on its way to the server.
  const [pendingOrder, setPendingOrder] = useState<number[] | null>(null);

  const all = values.data ?? [];
  const level = useMemo(() => {
    const here = all.filter((v) => v.parentId === parentId).sort((a, b) => a.position - b.position || a.id - b.id);
    if (!pendingOrder) return here;
    const byId = new Map(here.map((v) => [v.id, v]));
    return pendingOrder.flatMap((id) => (byId.has(id) ? [byId.get(id) as DictionaryValue] : []));
  }, [all, parentId, pendingOrder]);
  const childCount = (id: number) => all.filter((v) => v.parentId === id).length;

  const done = () => refreshDictionary(queryClient, key);
  const fail = (err: unknown) => {
    if (err instanceof ConflictError) setNotice({ color: 'orange', text: t('dictionaryEditor.conflict') });
    else setNotice({ color: 'red', text: problemText(err, t) });
    void done();
  };

  const update = useMutation({
    mutationFn: ({ value, change }: { value: DictionaryValue; change: ValueChange }) => dictionariesApi.update(key, value, change),
    onSuccess: () => { setNotice(null); void done(); },
    onError: fail,
  });
  const create = useMutation({
    mutationFn: (label: string) => dictionariesApi.create(key, { label, parentId }),
    onSuccess: (v) => {
      setNotice({ color: 'teal', text: t('dictionaryEditor.added', { name: v.label }) });
      reportUsage('dictionary-value-added', parentId === null ? key : `${key}:child`);
      void done();
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (value: DictionaryValue) => dictionariesApi.remove(key, value.id),
    onSuccess: (_r, value) => { setNotice({ color: 'teal', text: t('dictionaryEditor.deleted', { name: value.label }) }); void done(); },
    onError: (err, value) => {
      if (err instanceof ApiError && err.status === 409) {
        const p = err.problem as { inUse?: number; children?: number };
        if (p.children) setNotice({ color: 'orange', text: t('dictionaryEditor.hasChildren', { name: value.label, count: p.children }) });
        else setNotice({ color: 'orange', text: t('dictionaryEditor.inUse', { name: value.label, count: p.inUse ?? 0 }), inUse: value });
        void done();
        return;
      }
      fail(err);
    },
  });
  const merge = useMutation({
    mutationFn: ({ value, into }: { value: DictionaryValue; into: DictionaryValue }) => dictionariesApi.merge(key, value.id, into.id),
    onSuccess: (r, { value }) => { setNotice({ color: 'teal', text: t('dictionaryEditor.merged', { name: value.label, into: r.into.label, count: r.moved }) }); void done(); },
    onError: fail,
  });
  const reorder = useMutation({
    mutationFn: (ids: number[]) => dictionariesApi.reorder(key, ids, parentId),
    onMutate: (ids) => setPendingOrder(ids),
    onSettled: async () => { await done(); setPendingOrder(null); },
    onError: fail,
  });

  /** Moves a value from one place to another on this level (a drop, or Move up / Move down). */
  const move = (from: number, to: number) => {
    if (to < 0 || to >= level.length || from === to) return;
    const ids = level.map((v) => v.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved);
    reorder.mutate(ids);
  };

  return { info, values, all, level, usage: usage.data ?? {}, childCount, notice, setNotice, update, create, remove, merge, move, busy: reorder.isPending };
}
