import { Injectable } from '@nestjs/common';
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

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
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

export function isConstraintViolation(error: unknown, constraint: string): boolean {
  return pgError(error)?.constraint === constraint;
}
