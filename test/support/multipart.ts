import type { RapportApp } from '../../src/server/app.js';

export interface UploadFile {
  name: string;
  data: Buffer | string;
  /** What the client claims; the server reads the type from the content. */
  type?: string;
}

/** A multipart/form-data body as a browser's FormData makes it (Node's own encoder), with its Content-Type. */
export async function multipartBody(files: readonly UploadFile[], field = 'files', extra: Record<string, string> = {}): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  for (const f of files) form.append(field, new Blob([typeof f.data === 'string' ? f.data : new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

/** POSTs files to a record's attachments; returns status and parsed JSON. */
export async function upload<T = Record<string, unknown>>(app: RapportApp, url: string, files: readonly UploadFile[], headers: Record<string, string> = {}): Promise<{ status: number; body: T; raw: string; headers: Record<string, unknown> }> {
  const { payload, contentType } = await multipartBody(files);
  const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, ...headers } });
  let body: unknown = null;
  try { body = JSON.parse(res.body); } catch { body = null; }
  return { status: res.statusCode, body: body as T, raw: res.body, headers: res.headers };
}
