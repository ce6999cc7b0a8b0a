import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../errors/domain-error';

export interface StoredResponse {
  scope: string;
  requestHash: string;
  status: number;
  body: unknown;
}

/** The answer to a create that honours `Idempotency-Key`: made now, or the stored first answer replayed. */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** What an `Idempotency-Key` header may hold: 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** A stable hash of a request body: the same fields in any order hash alike. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Idempotency keys of one user, kept 24 hours: every create route that honours
 * `Idempotency-Key` (events, venues, rooms, staff, connections) goes through `once`.
 */
@Injectable()
export class IdempotencyRepository {
  static readonly RETENTION = '24 hours';

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `create` at most once per user and key, inside the caller's transaction:
   * the key is taken first (a concurrent duplicate waits on its row), the answer
   * stored with the write, so a retry gets exactly the first answer. The same
   * key with another scope or body is refused (422 IDEMPOTENCY_KEY_REUSED).
   * Without a key, `create` just runs.
   */
  async once<T>(
    tx: EntityManager,
    request: { userId: string; key: string | undefined; scope: string; hash: string; status?: number },
    create: () => Promise<T>,
  ): Promise<IdempotentAnswer<T>> {
    const status = request.status ?? 201;
    if (!request.key) return { status, body: await create(), replayed: false };
    const stored = await this.claim(tx, request.userId, request.key, request.scope, request.hash);
    if (stored) {
      if (stored.scope !== request.scope || stored.requestHash !== request.hash) {
        throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request', {
          fields: [{ field: 'Idempotency-Key', message: 'was used with another body' }],
        });
      }
      return { status: stored.status, body: stored.body as T, replayed: true };
    }
    const body = await create();
    await this.complete(tx, request.userId, request.key, status, body);
    return { status, body, replayed: false };
  }

  /**
   * Takes the key inside the caller's transaction. A concurrent request with the
   * same key waits on the row until this transaction ends, then finds it (or, if
   * this one rolled back, takes it itself). Returns the stored response if the
   * key was already used.
   */
  async claim(tx: EntityManager, userId: string, key: string, scope: string, requestHash: string): Promise<StoredResponse | null> {
    // An expired key is forgotten first, so it can be used again.
    await tx.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < now() - interval '${IdempotencyRepository.RETENTION}'`, [userId, key]);
    const inserted = await tx.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, scope, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, $4, 0, '') ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, scope, requestHash],
    );
    if (inserted.length) return null;
    const [row] = await tx.query<(Omit<StoredResponse, 'body'> & { body: string })[]>(
      `SELECT scope, request_hash AS "requestHash", response_status AS status, response_body AS body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return { ...row, body: JSON.parse(row.body) as unknown };
  }

  async complete(tx: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await tx.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`, [userId, key, status, JSON.stringify(body)]);
  }

  async prune(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IdempotencyRepository.RETENTION}'`);
    return count;
  }
}
