import type { ErrorBody, LoginResponse } from '@tradebridge/contracts';

/**
 * The demo talks to TradeBridge over HTTP like any client would, so loading
 * and simulating exercise validation, access rules and the event log exactly
 * as real users do. Node 20's fetch; JSON in, JSON out.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Session {
  userId: string;
  email: string;
  token: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** The response body of a 2xx answer; any other answer throws an `ApiError` with the API's stable code. */
  async call<T>(method: Method, path: string, options: { session?: Session; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    // Once the client's signal is aborted no new request leaves; one already sent runs to its
    // answer, because the server may commit it whatever the client does: aborting it would
    // only hide a change that still happens.
    if (this.signal?.aborted) throw new ApiError(0, 'STOPPED', `${method} ${path}: not sent, the client is stopping`);
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.session ? { authorization: `Bearer ${options.session.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (body ?? {}) as Partial<ErrorBody>;
      throw new ApiError(response.status, error.code ?? `HTTP_${response.status}`, `${method} ${path}: ${error.message ?? response.statusText}`, error.details);
    }
    return body as T;
  }

  get<T>(path: string, session?: Session): Promise<T> {
    return this.call<T>('GET', path, { session });
  }

  post<T>(path: string, session: Session | undefined, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, { session, body });
  }

  patch<T>(path: string, session: Session, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, { session, body });
  }

  put<T>(path: string, session: Session, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, { session, body });
  }

  async login(email: string, password: string): Promise<Session> {
    const answer = await this.post<LoginResponse>('/auth/login', undefined, { email, password });
    return { userId: answer.user.id, email, token: answer.accessToken };
  }

  /** Signs up (or finds the account from an earlier run) and logs in. */
  async signUp(email: string, password: string, displayName: string): Promise<Session> {
    try {
      await this.post('/auth/register', undefined, { email, password, displayName });
    } catch (error) {
      if (!isCode(error, 'EMAIL_TAKEN')) throw error;
    }
    return this.login(email, password);
  }

  /** Every item of a list endpoint, page by page (200 is the API's largest page). */
  async all<T>(path: string, session: Session): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (;;) {
      const page = await this.get<{ items: T[]; total: number }>(`${path}${separator}limit=200&offset=${items.length}`, session);
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total) return items;
    }
  }
}

export function isCode(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && codes.includes(error.code);
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops the rest and is thrown. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index], index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
