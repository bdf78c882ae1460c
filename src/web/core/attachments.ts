import { useQuery } from '@tanstack/react-query';
import type { EntityDef } from '../../shared/entity/define.js';
import { api, apiHeaders, errorOf, NetworkError, noticeUnauthorized } from './api.js';

/** One file attached to a record, as `GET /<entities>/:id/attachments` lists it. */
export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  createdBy: number | null;
  _labels: { createdBy: string | null };
  /** Images and PDF: the browser can show them (`?inline=1`). */
  previewable: boolean;
}

export const attachmentKeys = {
  all: ['attachments'] as const,
  of: (entity: EntityDef, recordId: number) => ['attachments', entity.name, recordId] as const,
};

/** Where the file is: a download, or with `inline` a preview (images and PDF only; the server decides). */
export const attachmentUrl = (id: number, inline = false) => `/api/v1/attachments/${id}${inline ? '?inline=1' : ''}`;

export const attachmentsApi = {
  list: (entity: EntityDef, recordId: number, signal?: AbortSignal) =>
    api<{ items: Attachment[] }>(`/v1/${entity.path}/${recordId}/attachments`, { signal }).then((r) => r.items),
  remove: (id: number) => api<void>(`/v1/attachments/${id}`, { method: 'DELETE' }),
};

export function useAttachments(entity: EntityDef, recordId: number, enabled = true) {
  return useQuery({
    queryKey: attachmentKeys.of(entity, recordId),
    queryFn: ({ signal }) => attachmentsApi.list(entity, recordId, signal),
    enabled: enabled && Boolean(entity.attachments) && recordId > 0,
  });
}

/**
 * Sends files in one request (stored all or none), reporting how much has gone out: fetch cannot tell
 * upload progress, XMLHttpRequest can. Same headers as every other API call.
 */
export function uploadAttachments(entity: EntityDef, recordId: number, files: readonly File[], onProgress: (fraction: number) => void): Promise<Attachment[]> {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/${entity.path}/${recordId}/attachments`);
    for (const [k, v] of Object.entries(apiHeaders(true))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve((JSON.parse(xhr.responseText) as { items: Attachment[] }).items);
        } catch (e) {
          reject(new NetworkError(e));
        }
      } else {
        noticeUnauthorized(xhr.status, `/v1/${entity.path}`);
        reject(errorOf(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.send(form);
  });
}
