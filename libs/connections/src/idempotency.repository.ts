import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredResponse {
  scope: string;
  requestHash: string;
  status: number;
  body: unknown;
}

/** Idempotency keys of one user, kept 24 hours. */
@Injectable()
export class IdempotencyRepository {
  static readonly RETENTION = '24 hours';

  constructor(private readonly dataSource: DataSource) {}

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
