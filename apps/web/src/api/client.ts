import type { ErrorBody, FieldProblemBody, Locale } from '@tradebridge/contracts';
import { fieldText } from '../i18n/errors';
import { activeLocale } from '../i18n/translate';
import type { paths } from './schema';
import { urlOf, type UrlParams } from './url';

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
    /** The rest of `details` (e.g. IN_USE's counts of what uses a venue or room). */
    readonly details: Record<string, unknown> = {},
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
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message, body.details?.fields ?? [], body.details ?? {});
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}

function headersFor(extra: Record<string, string> = {}, json = false): { headers: Record<string, string>; hadToken: boolean } {
  const token = hooks.token();
  const headers: Record<string, string> = { Accept: 'application/json', ...extra };
  if (json) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers, hadToken: Boolean(token) };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
}

/*
 * The REST calls typed from the API's own OpenAPI document: schema.d.ts is
 * generated from it by `npm run build` (bin/openapi.js), so a path, method,
 * path or query parameter or body the server does not take is a compile error,
 * and each call answers the type of its success response (client.type-test.ts).
 */

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The document's paths that have an `M` operation, e.g. `'/api/events/{id}'` for `'get'`. */
export type PathsWith<M extends Method> = { [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P }[keyof paths];

type ParamsOf<O> = O extends { parameters: infer X } ? X : never;
type PathPart<O> = ParamsOf<O> extends { path: infer X } ? { path: X } : unknown;
type QueryPart<O> = ParamsOf<O> extends { query: infer X } ? { query: X } : ParamsOf<O> extends { query?: infer X } ? ([X] extends [undefined] ? unknown : { query?: X }) : unknown;
type BodyPart<O> = O extends { requestBody: { content: { 'application/json': infer X } } }
  ? { body: X }
  : O extends { requestBody?: { content: { 'application/json': infer X } } }
    ? [X] extends [never]
      ? unknown
      : { body?: X }
    : unknown;
type Init<O> = PathPart<O> & QueryPart<O> & BodyPart<O> & { headers?: Record<string, string>; signal?: AbortSignal };
/** The second argument, optional when nothing in it is required. */
type InitArgs<O> = object extends Init<O> ? [init?: Init<O>] : [init: Init<O>];

type Success = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer X } } ? X : undefined;
type ResponseOf<O> = O extends { responses: infer R } ? { [C in keyof R & Success]: JsonOf<R[C]> }[keyof R & Success] : never;

/** The JSON body `M path` takes, e.g. `RequestBody<'/api/events', 'post'>`. */
export type RequestBody<P extends PathsWith<M>, M extends Method> = BodyPart<Operation<P, M>> extends { body?: infer X } ? X : never;
/** The query parameters of `M path`. */
export type Query<P extends PathsWith<M>, M extends Method> = NonNullable<ParamsOf<Operation<P, M>> extends { query?: infer X } ? X : never>;
/** What `M path` answers on success (`undefined` for 204). */
export type ResponseBody<P extends PathsWith<M>, M extends Method> = ResponseOf<Operation<P, M>>;

/** One request; `T` is what the caller's path and method say a success answers (the document's word for it). */
async function call<T>(method: string, path: string, init: UrlParams & { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
  const { headers, hadToken } = headersFor(init.headers, init.body !== undefined);
  const response = await send(urlOf(path, init), { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal });
  if (!response.ok) throw await errorOf(response, hadToken);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function caller<M extends Method>(method: M) {
  return <P extends PathsWith<M>>(path: P, ...[init]: InitArgs<Operation<P, M>>): Promise<ResponseBody<P, M>> => call<ResponseBody<P, M>>(method.toUpperCase(), path, init);
}

/**
 * One JSON request per call, e.g. `api.get('/api/events/{id}', { path: { id } })`;
 * rejects with an `ApiError` (`NETWORK` when the server cannot be reached).
 */
export const api = { get: caller('get'), put: caller('put'), post: caller('post'), patch: caller('patch'), delete: caller('delete') };

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Sends a file as the request body (its own media type, as the import routes read it)
 * and answers the JSON the route documents for `M path`.
 */
export async function upload<P extends PathsWith<'post'>>(path: P, init: PathPart<Operation<P, 'post'>> & QueryPart<Operation<P, 'post'>>, file: Blob): Promise<ResponseBody<P, 'post'>> {
  const { headers, hadToken } = headersFor({ 'Content-Type': file.type || 'application/octet-stream' });
  const response = await send(urlOf(path, init as UrlParams), { method: 'POST', headers, body: file });
  if (!response.ok) throw await errorOf(response, hadToken);
  return (await response.json()) as ResponseBody<P, 'post'>;
}

/**
 * Downloads a file that needs the bearer token (so a plain link cannot): fetches
 * it, reports the bytes received, then saves the blob under the server's name.
 */
export async function download<P extends PathsWith<'get'>>(
  path: P,
  init: PathPart<Operation<P, 'get'>> & QueryPart<Operation<P, 'get'>>,
  fallbackName: string,
  onProgress?: (received: number, total: number | null) => void,
): Promise<{ filename: string; bytes: number }> {
  const { headers, hadToken } = headersFor({ Accept: '*/*' });
  const response = await send(urlOf(path, init as UrlParams), { headers });
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
