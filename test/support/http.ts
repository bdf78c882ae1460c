import type { RapportApp } from '../../src/server/app.js';

export interface JsonResponse<T = Record<string, unknown>> { status: number; body: T; headers: Record<string, unknown>; raw: string }

/** app.inject with JSON in and out, so tests read like API calls. */
export async function call<T = Record<string, unknown>>(app: RapportApp, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<JsonResponse<T>> {
  const res = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  let body: unknown = null;
  try { body = res.body ? JSON.parse(res.body) : null; } catch { body = null; }
  return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.body };
}

export interface Problem { type: string; title: string; status: number; detail: string; errors?: { field: string; message: string }[]; current?: Record<string, unknown> }
export interface Page { items: Record<string, unknown>[]; total: number; totalCapped: boolean; nextCursor: string | null }
export interface Groups { groups: { value: unknown; label: string | null; count: number; groups?: { value: unknown; label: string | null; count: number }[] }[]; total: number }
