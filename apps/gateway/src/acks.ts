import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode, pgError } from '@tradebridge/core';

/** Every client → server event answers `{ ok: true, data } | { ok: false, error: { code, message } }`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: { field: string; message: string }[] } };

const logger = new Logger('Live');

/** The one socket mapping of errors (the HTTP filter's counterpart). */
export function errorAck(error: unknown): Ack<never> {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details?.fields ? { fields: error.details.fields } : {}) } };
  }
  const code = pgError(error)?.code ?? '';
  if (/^(08|57P|53300)/.test(code) || /ECONNREFUSED|timeout exceeded when trying to connect/i.test(String((error as Error)?.message))) {
    return { ok: false, error: { code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; try again shortly' } };
  }
  logger.error(error instanceof Error ? error.stack : String(error));
  return { ok: false, error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side' } };
}
