import type { ImportJob, ImportOptions, ImportPreview, ImportRowAction, ImportRowReport, ImportTemplate } from '../../../shared/import.js';
import type { EntityDef } from '../../../shared/entity/define.js';
import { api, apiHeaders, errorOf, NetworkError, noticeUnauthorized } from '../api.js';

/** The re-read of an upload already on the server: another encoding, delimiter or sheet. */
export interface ReadSettings {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TemplateDraft = Omit<ImportTemplate, 'id' | 'createdAt'>;

export const importKeys = {
  all: ['imports'] as const,
  jobs: (entity: string | null) => ['imports', 'jobs', entity ?? ''] as const,
  job: (id: number) => ['imports', 'job', id] as const,
  rows: (id: number, action: ImportRowAction | null, cursor: string | null) => ['imports', 'job', id, 'rows', action ?? '', cursor ?? ''] as const,
  templates: (entity: string) => ['imports', 'templates', entity] as const,
};

/** The error rows of a job as a file (its headers plus an "Error" column). */
export const errorsUrl = (jobId: number, format: 'csv' | 'xlsx') => `/api/v1/import-jobs/${jobId}/errors?format=${format}`;

/**
 * Sends the file to `POST /<entities>/import/preview`, reporting how much has gone out (fetch cannot tell upload
 * progress, XMLHttpRequest can); the server keeps the file under the preview's `uploadId`.
 */
export function uploadForPreview(entity: EntityDef, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  const path = `/v1/${entity.path}/import/preview`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    for (const [k, v] of Object.entries(apiHeaders(true))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status === 200) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportPreview);
        } catch (e) {
          reject(new NetworkError(e));
        }
      } else {
        noticeUnauthorized(xhr.status, path);
        reject(errorOf(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export const importApi = {
  reread: (entity: EntityDef, uploadId: string, read: ReadSettings) =>
    api<ImportPreview>(`/v1/${entity.path}/import/preview`, { method: 'POST', body: { uploadId, ...read } }),
  /** Dry runs and real runs are both jobs; the file is the one sent for the preview. */
  start: (entity: EntityDef, options: ImportOptions) =>
    api<{ job: ImportJob }>(`/v1/${entity.path}/import`, { method: 'POST', body: { options } }).then((r) => r.job),
  job: (id: number, signal?: AbortSignal) => api<ImportJob>(`/v1/import-jobs/${id}`, { signal }),
  jobs: (entity: string | null, cursor: string | null, signal?: AbortSignal) =>
    api<Page<ImportJob>>('/v1/import-jobs', { query: { entity, limit: 50, cursor }, signal }),
  rows: (id: number, action: ImportRowAction | null, cursor: string | null, limit: number, signal?: AbortSignal) =>
    api<Page<ImportRowReport>>(`/v1/import-jobs/${id}/rows`, { query: { action, cursor, limit }, signal }),
  cancel: (id: number) => api<ImportJob>(`/v1/import-jobs/${id}/cancel`, { method: 'POST' }),
  revert: (id: number) => api<ImportJob>(`/v1/import-jobs/${id}/revert`, { method: 'POST' }),
  templates: (entity: string, signal?: AbortSignal) =>
    api<{ items: ImportTemplate[] }>('/v1/import-templates', { query: { entity }, signal }).then((r) => r.items),
  saveTemplate: (draft: TemplateDraft) => api<ImportTemplate>('/v1/import-templates', { method: 'POST', body: draft }),
  deleteTemplate: (id: number) => api<void>(`/v1/import-templates/${id}`, { method: 'DELETE' }),
};

/** A job still moving: its page asks again every half second. */
export const isRunning = (job: ImportJob | undefined) => job?.status === 'queued' || job?.status === 'running';
