import type { QueryClient } from '@tanstack/react-query';
import type { DictionaryAttribute, DictionaryValue } from '../../../shared/dictionaries.js';

export type { DictionaryValue };
import { api } from '../api.js';
import { currentLocale } from '../../app/i18n.js';

export interface DictionaryInfo {
  key: string;
  /** i18n key of its name. */
  name: string;
  hierarchical: boolean;
  attributes: readonly DictionaryAttribute[];
  usedBy: { entity: string; field: string }[];
}

export interface ValueChange {
  label?: string;
  labels?: Record<string, string | null>;
  color?: string | null;
  active?: boolean;
  attributes?: Record<string, unknown>;
  parentId?: number | null;
}

const base = (key: string) => `/v1/dictionaries/${encodeURIComponent(key)}`;
const query = () => ({ locale: currentLocale() });

export const dictionariesApi = {
  list: (signal?: AbortSignal) => api<{ items: DictionaryInfo[] }>('/v1/dictionaries', { signal }).then((r) => r.items),
  values: (key: string, signal?: AbortSignal) => api<{ items: DictionaryValue[] }>(`${base(key)}/values`, { query: query(), signal }).then((r) => r.items),
  usage: (key: string, signal?: AbortSignal) => api<{ counts: Record<string, number> }>(`${base(key)}/usage`, { signal }).then((r) => r.counts),
  create: (key: string, body: ValueChange & { label: string }) => api<DictionaryValue>(`${base(key)}/values`, { method: 'POST', body, query: query() }),
  update: (key: string, v: DictionaryValue, body: ValueChange) => api<DictionaryValue>(`${base(key)}/values/${v.id}`, { method: 'PATCH', body: { ...body, version: v.version }, query: query() }),
  remove: (key: string, id: number) => api<void>(`${base(key)}/values/${id}`, { method: 'DELETE' }),
  merge: (key: string, id: number, intoId: number) => api<{ moved: number; into: DictionaryValue }>(`${base(key)}/values/${id}/merge`, { method: 'POST', body: { intoId }, query: query() }),
  reorder: (key: string, ids: number[], parentId: number | null) => api<{ items: DictionaryValue[] }>(`${base(key)}/reorder`, { method: 'POST', body: { ids, parentId }, query: query() }),
};

export const dictionaryKeys = {
  values: (key: string | undefined, locale: string) => ['dictionary', key, locale] as const,
  allValues: (key: string) => ['dictionary', key] as const,
  usage: (key: string) => ['dictionary-usage', key] as const,
  list: ['dictionaries'] as const,
};

/**
 * After an edit: every language's copy of the values, their usage, and every record list (their
 * labels and groups show dictionary values) are refreshed, so a rename shows everywhere at once.
 */
export function refreshDictionary(queryClient: QueryClient, key: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dictionaryKeys.allValues(key) }),
    queryClient.invalidateQueries({ queryKey: dictionaryKeys.usage(key) }),
    queryClient.invalidateQueries({ queryKey: ['records'] }),
  ]);
}
