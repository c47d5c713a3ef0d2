import type { FieldError, Problem } from '@clinicops/contracts';

// The transport under lib/api.ts: same-origin cookies, the CSRF header on unsafe methods, and
// RFC 9457 problems turned into one error type the UI can show field by field.

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(p: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    requestId?: string | undefined;
    fieldErrors?: FieldError[] | undefined;
  }) {
    super(p.detail ?? p.title);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code;
    this.title = p.title;
    this.detail = p.detail;
    this.requestId = p.requestId;
    this.fieldErrors = p.fieldErrors ?? [];
  }

  /** The server's message for one JSON property, e.g. `email` or `roles`. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => normalizeField(e.field) === field)?.message;
  }
}

/** Servers and validators spell paths differently (`body.email`, `/email`, `roles.0`). */
export function normalizeField(field: string): string {
  const parts = field.replace(/^\//, '').split(/[./]/).filter(Boolean);
  const start = parts[0] === 'body' || parts[0] === 'query' ? 1 : 0;
  return parts[start] ?? field;
}

export type AuthLossReason = 'unauthenticated' | 'session_expired';

// The CSRF token lives only in memory: it is re-read from GET /api/auth/me after a reload, and
// never persisted where a script injected into another page of the origin could find it later.
let csrfToken: string | null = null;
let lastServerContact = 0;
const authLossListeners = new Set<(reason: AuthLossReason) => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Milliseconds since epoch of the last response from the server (any status). */
export function lastServerContactAt(): number {
  return lastServerContact;
}

export function onAuthLost(listener: (reason: AuthLossReason) => void): () => void {
  authLossListeners.add(listener);
  return () => authLossListeners.delete(listener);
}

function emitAuthLost(reason: AuthLossReason): void {
  for (const l of authLossListeners) l(reason);
}

export type RequestOptions = {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** For calls where a 401 is an expected answer (sign-in, sign-out), not a lost session. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
};

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

const ME_PATH = '/api/auth/me';

export async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // Only send a JSON content type with a body: Fastify rejects an empty JSON body. A FormData body
  // (file uploads) sets its own multipart type with the boundary.
  const isForm = opts.body instanceof FormData;
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Cannot reach the ClinicOps server',
      detail: 'Check the network connection and try again.',
    });
  }
  lastServerContact = Date.now();

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await toApiError(res);
  if (error.status === 401 && !opts.expectUnauthenticated) await reportAuthLoss(error, path);
  throw error;
}

async function reportAuthLoss(error: ApiError, path: string): Promise<void> {
  if (error.code === 'session_expired') {
    emitAuthLost('session_expired');
    return;
  }
  if (error.code !== 'unauthenticated') return;
  if (path === ME_PATH) {
    emitAuthLost('unauthenticated');
    return;
  }
  // Some endpoints answer 401 for a wrong current password; only a failing /me proves the
  // session is gone, so check before throwing the user out mid-form.
  try {
    await request('GET', ME_PATH);
  } catch {
    // request() on /me already reported the loss if there was one.
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Partial<Problem>;
      return new ApiError({
        status: typeof p.status === 'number' ? p.status : res.status,
        code: p.code ?? `http_${res.status}`,
        title: p.title ?? (res.statusText || 'Request failed'),
        detail: p.detail,
        requestId: p.requestId ?? res.headers.get('x-request-id') ?? undefined,
        fieldErrors: Array.isArray(p.errors) ? p.errors : undefined,
      });
    } catch {
      // fall through to the generic error below
    }
  }
  return new ApiError({
    status: res.status,
    code: `http_${res.status}`,
    title: res.status >= 500 ? 'The server could not answer' : res.statusText || 'Request failed',
    detail: res.status === 502 || res.status === 504 ? 'The ClinicOps server is not reachable right now.' : undefined,
    requestId: res.headers.get('x-request-id') ?? undefined,
  });
}
