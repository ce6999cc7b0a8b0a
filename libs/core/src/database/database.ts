import { Injectable } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The unit of work. Services open one transaction per change; repositories take
 * the transaction's `EntityManager` so every write of a change and its event-log
 * entry commit or roll back together.
 */
@Injectable()
export class Database {
  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * One READ COMMITTED transaction (what `DataSource.transaction` does), except
   * that a connection lost in the middle (PostgreSQL restarting) fails the
   * transaction with the connection's own error: TypeORM would report
   * "query runner already released" at the next query, which no one can tell
   * from a bug, so it would be a 500 instead of a 503.
   */
  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const connection = (await runner.connect()) as EventEmitter;
    let lost: unknown;
    const onError = (error: unknown) => (lost ??= error);
    connection.on('error', onError);
    try {
      await runner.startTransaction('READ COMMITTED');
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
      throw lost ?? error;
    } finally {
      connection.off('error', onError);
      await runner.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

/** PostgreSQL error codes the domain turns into stable API errors. */
export const PG = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  CHECK_VIOLATION: '23514',
  EXCLUSION_VIOLATION: '23P01',
  INVALID_TEXT_REPRESENTATION: '22P02',
} as const;

/** The driver error under a TypeORM `QueryFailedError`, if any. */
export function pgError(error: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  return e.driverError ?? (typeof e.code === 'string' ? e : undefined);
}

/** 57014: a statement cancelled, by statement_timeout (the server is overloaded) or by an operator. */
const QUERY_CANCELED = '57014';
/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** What pg and pg-pool say, without a code, when a connection cannot be had or was lost. */
const LOST_CONNECTION = /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Query read timeout|Client was closed and is not queryable/i;

/**
 * Whether an error means PostgreSQL cannot be reached right now (rather than a
 * bad query): connection refused or reset, SQLSTATE class 08 (connection
 * exception), 57P01–57P05 (admin or crash shutdown, cannot connect now),
 * 53300 (too many connections), 57014 (statement timeout), a pool timeout, a
 * query the server never answered (client-side timeout) or a connection lost mid-query.
 * Both transports answer these with DATABASE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = pgError(error)?.code;
  if (code && (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-5]$/.test(code) || code === '53300' || code === QUERY_CANCELED)) return true;
  // Node reports a failed connection to every address of a host as one AggregateError.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.some(isDatabaseUnavailable)) return true;
  return error instanceof Error && LOST_CONNECTION.test(error.message);
}

export function isConstraintViolation(error: unknown, constraint: string): boolean {
  return pgError(error)?.constraint === constraint;
}
