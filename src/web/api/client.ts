/**
 * The one HTTP client of the web UI: JSON in and out, the CSRF header on every write,
 * and server errors parsed into an ApiError carrying the stable code, the Chinese
 * message and per-field messages. Public endpoints (`/public/…`: citizens' reports,
 * self-reports) go through it too, but act for nobody: no cookie, no CSRF token, and a
 * 401 there never ends the staff session.
 */
import { message } from 'antd';
import type { TErrorCode } from '../../shared/errors';

/** An error answered by the API (or a network failure, code NETWORK). */
export class ApiError extends Error {
  readonly code: TErrorCode | 'NETWORK';
  readonly status: number;
  readonly fields?: Record<string, string>;
  constructor(opts: { code: TErrorCode | 'NETWORK'; status: number; message: string; fields?: Record<string, string> }) {
    super(opts.message);
    this.name = 'ApiError';
    this.code = opts.code;
    this.status = opts.status;
    this.fields = opts.fields;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token from /api/auth/me or /api/auth/login. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when the session is gone (401 on a call other than /auth or /public). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export type TQueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Builds a query string, skipping empty values and joining arrays with commas. */
export function toQueryString(query: Record<string, TQueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value == null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface TRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, TQueryValue>;
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
}

/** True for the public endpoints, which the server answers without a session. */
function isPublicPath(path: string): boolean {
  return path.startsWith('/public/');
}

/** Calls the API and returns the parsed JSON answer; throws ApiError on failure. */
export async function apiRequest<T>(path: string, opts: TRequestOptions = {}): Promise<T> {
  const isPublic = isPublicPath(path);
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken && !isPublic) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}${opts.query ? toQueryString(opts.query) : ''}`, {
      method,
      headers,
      body,
      // Public calls leave the staff session's cookie at home: they act for nobody.
      credentials: isPublic ? 'omit' : 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ code: 'NETWORK', status: 0, message: '网络连接失败，请检查网络后重试' });
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    const error = new ApiError({
      code: (e?.code as TErrorCode) ?? (res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      status: res.status,
      message: e?.message ?? (res.status >= 500 ? '服务器开小差了，请稍后重试' : `请求失败（${res.status}）`),
      fields: e?.fields,
    });
    if (res.status === 401 && !path.startsWith('/auth/') && !isPublic) onUnauthorized?.();
    throw error;
  }
  return data as T;
}

/** Shorthands. */
export const api = {
  get: <T>(path: string, query?: Record<string, TQueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body: unknown = {}) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown = {}) => apiRequest<T>(path, { method: 'PATCH', body }),
};

/** True when the error is the server saying the record changed under us. */
export function isStale(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'STALE_VERSION';
}

/** The file name a content-disposition header gives (filename*=UTF-8''… first, then filename="…"). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1]).trim() : '';
  return name || null;
}

/**
 * Downloads a file from the API with the session cookie. On an error answer (JSON
 * {error:{code,message}}) it shows the Chinese message instead of saving the JSON; otherwise
 * it saves the body under the name the server gives (or `fallbackName`). Resolves true when saved.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<boolean> {
  const hide = message.loading('正在准备下载…', 0);
  try {
    let res: Response;
    try {
      res = await fetch(url, { credentials: 'same-origin' });
    } catch {
      message.error('网络连接失败，请检查网络后重试');
      return false;
    }
    if (!res.ok) {
      let text = '';
      try {
        const data = (await res.json()) as { error?: { message?: string } } | null;
        text = data?.error?.message ?? '';
      } catch {
        /* not JSON */
      }
      message.error(text || (res.status >= 500 ? '服务器开小差了，请稍后重试' : `下载失败（${res.status}）`));
      if (res.status === 401) onUnauthorized?.();
      return false;
    }
    const blob = await res.blob();
    const name = filenameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    return true;
  } catch {
    message.error('下载失败，请稍后重试');
    return false;
  } finally {
    hide();
  }
}
