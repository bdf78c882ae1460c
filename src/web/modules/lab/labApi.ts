import { useQuery } from '@tanstack/react-query';
import type { LabState } from '../../../shared/lab/steps.js';
import { api } from '../../core/api.js';

export const labKey = ['lab'] as const;

export const labApi = {
  get: (signal?: AbortSignal) => api<LabState>('/v1/lab', { signal }),
  setEnabled: (enabled: boolean) => api<LabState>('/v1/lab', { method: 'PATCH', body: { enabled } }),
};

/** The steps and their ticks; while the panel is open they are asked again every few seconds (work on another tab ticks too). */
export function useLab(live = false) {
  return useQuery({ queryKey: labKey, queryFn: ({ signal }) => labApi.get(signal), refetchInterval: live ? 4000 : false });
}
