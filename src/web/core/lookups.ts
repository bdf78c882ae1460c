import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api.js';
import type { EntityDef } from '../../shared/entity/define.js';
import { recordKeys, type ListPage } from './records.js';
import { dictionariesApi, dictionaryKeys, type DictionaryInfo, type DictionaryValue } from './dictionaries/dictionariesApi.js';

export type { DictionaryInfo, DictionaryValue };

export interface User {
  id: number;
  name: string;
}

const LOOKUP_STALE_MS = 5 * 60_000;

/** Values of one dictionary, labelled in the current UI language. */
export function useDictionary(key: string | undefined) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useQuery({
    queryKey: dictionaryKeys.values(key, locale),
    enabled: Boolean(key),
    staleTime: LOOKUP_STALE_MS,
    queryFn: ({ signal }) => dictionariesApi.values(key ?? '', signal),
  });
}

export function useDictionaries() {
  return useQuery({
    queryKey: dictionaryKeys.list,
    staleTime: LOOKUP_STALE_MS,
    queryFn: ({ signal }) => dictionariesApi.list(signal),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    staleTime: LOOKUP_STALE_MS,
    queryFn: ({ signal }) => api<{ items: User[] }>('/v1/users', { signal }).then((r) => r.items),
  });
}

/** Up to this many records of a small entity (customer groups) serve as options of pickers and filters. */
export const OPTIONS_LIMIT = 200;

/** The records of a small entity, in its default order and the UI language; shared by every picker of it. */
export function useEntityOptions(target: EntityDef) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...recordKeys.all(target), 'options', i18n.language],
    staleTime: 30_000,
    queryFn: ({ signal }) => api<ListPage>(`/v1/${target.path}`, { query: { limit: OPTIONS_LIMIT, locale: i18n.language }, signal }),
  });
}
