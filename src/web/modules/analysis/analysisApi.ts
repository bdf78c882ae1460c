import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { optionsQuery, type AnalysisName, type AnalysisOptions } from '../../../shared/analysis.js';
import type { AnalysisResult } from '../../../shared/analysis-tables.js';
import { api, toQueryString } from '../../core/api.js';

/** The options as the page URL and the API carry them; the period always, so chosen defaults are still a choice. */
export function optionParams<A extends AnalysisName>(name: A, options: AnalysisOptions[A]): Record<string, string> {
  return { period: options.period, ...optionsQuery(name, options) };
}

/** One analysis's result for its options, computed by the server (the browser never aggregates records). */
export function useAnalysis<A extends AnalysisName>(name: A, options: AnalysisOptions[A] | null) {
  const { i18n } = useTranslation();
  const params = options ? optionParams(name, options) : null;
  return useQuery({
    queryKey: ['analysis', name, params, i18n.language],
    enabled: params !== null,
    staleTime: 30_000,
    queryFn: ({ signal }) => api<AnalysisResult>(`/v1/analysis/${name}`, { query: { ...params, locale: i18n.language }, signal }),
  });
}

/** The result's tables as a file from the server (the same rows the page shows). */
export function analysisFileUrl<A extends AnalysisName>(name: A, options: AnalysisOptions[A], format: 'csv' | 'xlsx', locale: string): string {
  return `/api/v1/analysis/${name}${toQueryString({ ...optionParams(name, options), locale, format })}`;
}
