import type { ErrorResponse } from '@minewatch/core';

export type FieldError = { path: string; message: string };

/** Any non-2xx answer of the API, carrying the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** 403 and 404 look the same to the user: the item is not theirs to see. */
  get isNoAccess(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** The app registers what a 401 means (go to /login); the client itself knows nothing of routing. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Serialized as JSON when it is not already a string. */
  body?: unknown;
}

/** Paths whose 401 is an answer for the caller, not a lost session. */
const NO_REDIRECT_ON_401 = new Set(['/api/auth/login', '/api/auth/me']);

/**
 * Typed JSON fetch against the same-origin API. Resolves with the parsed body (undefined for 204),
 * rejects with ApiError for every HTTP error, and reports 401 to the registered handler.
 */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { body, headers, ...rest } = init;
  const hasBody = body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(hasBody ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const err = (parsed as Partial<ErrorResponse> | undefined)?.error;
    const error = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? (response.statusText || `HTTP ${response.status}`),
      err?.details ?? [],
    );
    if (response.status === 401 && !NO_REDIRECT_ON_401.has(path.split('?')[0] ?? path)) {
      onUnauthorized?.();
    }
    throw error;
  }
  return parsed as T;
}

/** Builds `path?k=v` leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, value);
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
