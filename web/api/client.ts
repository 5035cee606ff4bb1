/**
 * The typed fetch wrapper every web app uses to talk to `/api`.
 *
 * - sends the session cookie (`credentials: 'same-origin'`) and the UI language
 *   (`Accept-Language`), so server error messages come back in the language on screen;
 * - turns `{"error": {code, message, details}}` bodies into {@link ApiError};
 * - reports 401 responses to one handler (the app sends the user to the login page).
 */

export type ApiLanguage = 'zh-CN' | 'en';

/** A failed API call: HTTP status plus the server's error code, localized message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** For 400 VALIDATION_FAILED: the per-field issues, if the server sent them. */
  get issues(): { path: (string | number)[]; message: string }[] {
    const d = this.details as { issues?: unknown } | undefined;
    if (!d || !Array.isArray(d.issues)) return [];
    return d.issues
      .filter(
        (i): i is { path: unknown[]; message: string } => !!i && typeof i === 'object' && 'message' in i,
      )
      .map((i) => ({
        path: (Array.isArray(i.path) ? i.path : []).map((p) =>
          typeof p === 'number' || /^\d+$/.test(String(p)) ? Number(p) : String(p),
        ),
        message: String(i.message),
      }));
  }
}

let language: ApiLanguage = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

/** Sets the language sent as Accept-Language with every request. */
export function setApiLanguage(lang: ApiLanguage): void {
  language = lang;
}

/** Registers what happens when any request answers 401 (except the login call itself). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `/api/...?a=1&b=2`, dropping empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      language === 'en' ? 'Cannot reach the server' : '无法连接服务器',
      err,
    );
  }
  if (!res.ok) throw await toApiError(res, path);
  return res;
}

async function toApiError(res: Response, path: string): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let details: unknown;
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (data?.error) {
      code = data.error.code ?? code;
      message = data.error.message ?? message;
      details = data.error.details;
    }
  } catch {
    // not JSON (proxy error page): keep the status text
  }
  if (res.status === 401 && !path.startsWith('/auth/login')) unauthorizedHandler?.();
  return new ApiError(res.status, code, message, details);
}

/** Calls the API and returns the parsed JSON body. */
export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>) =>
    apiRequest<T>(path, { method: 'POST', body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/**
 * Downloads a file answer (xlsx) with the session and language, then hands it to the browser
 * as a download named after Content-Disposition (or `fallbackName`).
 */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue> | undefined,
  fallbackName: string,
): Promise<void> {
  const res = await send(path, { query, headers: { Accept: '*/*' } });
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
