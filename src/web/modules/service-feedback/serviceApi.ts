import { useQuery } from '@tanstack/react-query';
import type { WorkingTime } from '../../../shared/working-time.js';
import { api } from '../../core/api.js';

export const workingTimeKey = ['settings', 'working-time'] as const;

export const serviceApi = {
  workingTime: (signal?: AbortSignal) => api<WorkingTime>('/v1/settings/working-time', { signal }),
  setWorkingTime: (w: WorkingTime) => api<WorkingTime>('/v1/settings/working-time', { method: 'PUT', body: w }),
};

/** The working time the service clock counts (Settings). */
export function useWorkingTime() {
  return useQuery({ queryKey: workingTimeKey, queryFn: ({ signal }) => serviceApi.workingTime(signal), staleTime: 5 * 60_000 });
}
