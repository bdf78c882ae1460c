import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api.js';
import { currentLocale } from '../app/i18n.js';
import type { EntityDef } from '../../shared/entity/define.js';
import { recordKeys, type ListPage } from './records.js';

export interface DictionaryValue {
  id: number;
  code: string;
  label: string;
  labels: Record<string, string>;
  parentId: number | null;
  color: string | null;
  position: number;
  active: boolean;
}

export interface DictionaryInfo {
  key: string;
  name: string;
  hierarchical: boolean;
}

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
    queryKey: ['dictionary', key, locale],
    enabled: Boolean(key),
    staleTime: LOOKUP_STALE_MS,
    queryFn: ({ signal }) =>
      api<{ items: DictionaryValue[] }>(`/v1/dictionaries/${encodeURIComponent(key ?? '')}/values`, { query: { locale: currentLocale() }, signal }).then((r) => r.items),
  });
}

export function useDictionaries() {
  return useQuery({
    queryKey: ['dictionaries'],
    staleTime: LOOKUP_STALE_MS,
    queryFn: ({ signal }) => api<{ items: DictionaryInfo[] }>('/v1/dictionaries', { signal }).then((r) => r.items),
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
