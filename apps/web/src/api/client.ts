import type { ErrorBody, FieldProblemBody, Locale } from '@tradebridge/contracts';
import { fieldText } from '../i18n/errors';
import { activeLocale } from '../i18n/translate';

/** A field the API found at fault, e.g. `{ field: 'name', message: 'must be …', rule: 'maxLength', limit: 120 }`. */
export type FieldProblem = FieldProblemBody;

/**
 * An error answered by the API (`{ statusCode, code, message, details.fields }`),
 * or `NETWORK` when the server could not be reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field path → its problems in the language shown (the rule's text, not the server's English), for showing next to the field. */
  fieldMap(locale: Locale = activeLocale()): Record<string, string> {
    const map: Record<string, string> = {};
    for (const f of this.fields) {
      const text = fieldText(locale, f, this.code);
      map[f.field] = map[f.field] && !map[f.field].split('; ').includes(text) ? `${map[f.field]}; ${text}` : text;
    }
    return map;
  }
}

interface ClientHooks {
  token: () => string | null;
  /** A request made with a token was refused as unauthenticated: the session is over. */
  unauthorized: () => void;
}

let hooks: ClientHooks = { token: () => null, unauthorized: () => undefined };

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string' && typeof (value as ErrorBody).message === 'string';
}

async function errorOf(response: Response, hadToken: boolean): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  if (response.status === 401 && hadToken) hooks.unauthorized();
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message, body.details?.fields ?? []);
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}

function headersFor(extra: Record<string, string> = {}, json = false): { headers: Record<string, string>; hadToken: boolean } {
  const token = hooks.token();
  const headers: Record<string, string> = { Accept: 'application/json', ...extra };
  if (json) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers, hadToken: Boolean(token) };
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`/api${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
}

/** One JSON request to `/api<path>`; rejects with an `ApiError`. */
export async function request<T>(method: string, path: string, body?: unknown, options: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
  const { headers, hadToken } = headersFor(options.headers, body !== undefined);
  const response = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal });
  if (!response.ok) throw await errorOf(response, hadToken);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** `?a=1&b=x` from the defined entries. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file that needs the bearer token (so a plain link cannot): fetches
 * it, reports the bytes received, then saves the blob under the server's name.
 */
export async function download(path: string, fallbackName: string, onProgress?: (received: number, total: number | null) => void): Promise<{ filename: string; bytes: number }> {
  const { headers, hadToken } = headersFor({ Accept: '*/*' });
  const response = await send(path, { headers });
  if (!response.ok) throw await errorOf(response, hadToken);
  const total = Number(response.headers.get('Content-Length')) || null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress?.(received, total);
    }
  }
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const filename = filenameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { filename, bytes: blob.size };
}
