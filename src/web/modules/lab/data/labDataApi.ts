import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../core/api.js';

export type BackupReason = 'reset' | 'sample-data' | 'restore';
export interface Backup { name: string; size: number; createdAt: string; reason: BackupReason }
export interface BackupList { folder: string; items: Backup[] }
/** What a reset, sample data or restore answers: the backup of the data it replaced. */
export interface Kept { backup: Backup & { folder: string; file: string } }

export const backupsKey = ['lab', 'backups'] as const;

export const labDataApi = {
  backups: () => api<BackupList>('/v1/lab/backups'),
  reset: (confirm: string) => api<Kept>('/v1/lab/reset', { method: 'POST', body: { confirm } }),
  sampleData: () => api<Kept>('/v1/lab/sample-data', { method: 'POST', body: {} }),
  restore: (name: string) => api<Kept>(`/v1/lab/backups/${encodeURIComponent(name)}/restore`, { method: 'POST', body: {} }),
  remove: (name: string) => api<void>(`/v1/lab/backups/${encodeURIComponent(name)}`, { method: 'DELETE' }),
};

/**
 * The backups, and whether this installation lets the lab replace its data: a team server
 * (PostgreSQL) refuses with 403, which is how the web app learns it is on one.
 */
export function useLabData() {
  const q = useQuery({ queryKey: backupsKey, queryFn: labDataApi.backups });
  const refused = q.error instanceof ApiError && q.error.status < 500 ? q.error : null;
  return { ...q, refused, teamServer: refused?.status === 403 };
}
