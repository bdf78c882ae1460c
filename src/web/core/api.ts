/** One small typed client for the Rapport REST API; problem+json answers become typed errors. */
import { csrfToken, setCsrfToken, unauthorized } from '../auth/csrf.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  /** Present on 409: the record as it is now on the server. */
  current?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

/** A stale `version`: someone else saved first. Carries the record as it is now. */
export class ConflictError<T = unknown> extends ApiError {
  readonly current: T | undefined;
  constructor(problem: Problem) {
    super(problem);
    this.name = 'ConflictError';
    this.current = problem.current as T | undefined;
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds `?a=1&b=2`, dropping empty values, so callers can pass optional parameters freely. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A body sent as it is (a file's text), with its own content type. */
export interface RawBody {
  contentType: string;
  text: string;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  raw?: RawBody;
  signal?: AbortSignal;
}

/** Headers of every API call, uploads sent with XMLHttpRequest too (which are POSTs: `write` adds the CSRF token). */
export function apiHeaders(write = false): Record<string, string> {
  const token = write ? csrfToken() : null;
  return {
    accept: 'application/json, application/problem+json',
    // Labels of referenced records and translated names come back in the UI language.
    'accept-language': document.documentElement.lang || 'en',
    ...(token ? { 'x-csrf-token': token } : {}),
  };
}

/** A 401 outside the auth routes means the session ended: the app shows the sign-in page. */
export function noticeUnauthorized(status: number, path: string): void {
  if (status === 401 && !path.startsWith('/v1/auth/')) unauthorized();
}

/** The error an unsuccessful answer's body (problem+json or anything else) means. */
export function errorOf(status: number, statusText: string, text: string): ApiError {
  const problem = toProblem(text ? safeJson(text) : undefined, { status, statusText });
  return status === 409 ? new ConflictError(problem) : new ApiError(problem);
}

/**
 * A write refused for a stale CSRF token (the user signed in again in another tab): the session's
 * current token is asked for once; true when the write may be sent again.
 */
async function renewedCsrf(status: number, text: string): Promise<boolean> {
  if (status !== 403 || !text.includes('x-csrf-token')) return false;
  try {
    const me = await (await fetch('/api/v1/auth/me', { headers: apiHeaders() })).json() as { signedIn?: boolean; csrfToken?: string | null };
    setCsrfToken(me.csrfToken ?? null);
    if (!me.signedIn) unauthorized();
    return Boolean(me.signedIn && me.csrfToken);
  } catch {
    return false;
  }
}

export async function api<T>(path: string, options: RequestOptions = {}, retried = false): Promise<T> {
  const { method = 'GET', query, body, raw, signal } = options;
  const contentType = raw ? raw.contentType : body === undefined ? undefined : 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      signal,
      headers: { ...apiHeaders(method !== 'GET'), ...(contentType ? { 'content-type': contentType } : {}) },
      body: raw ? raw.text : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) {
    if (!retried && method !== 'GET' && await renewedCsrf(response.status, text)) return api<T>(path, options, true);
    noticeUnauthorized(response.status, path);
    throw errorOf(response.status, response.statusText, text);
  }
  return (text ? safeJson(text) : undefined) as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toProblem(data: unknown, response: { status: number; statusText: string }): Problem {
  if (data && typeof data === 'object') {
    const d = data as Partial<Problem> & { message?: string };
    return {
      ...d,
      status: typeof d.status === 'number' ? d.status : response.status,
      title: d.title ?? response.statusText,
      detail: d.detail ?? d.message,
      errors: Array.isArray(d.errors) ? d.errors : undefined,
    };
  }
  return { status: response.status, title: response.statusText, detail: typeof data === 'string' ? data.slice(0, 300) : undefined };
}
