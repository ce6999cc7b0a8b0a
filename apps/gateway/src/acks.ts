import { Logger } from '@nestjs/common';
import type { Ack } from '@tradebridge/contracts';
import { DomainError, ErrorCode, isDatabaseUnavailable } from '@tradebridge/core';

/** Every client → server event answers `{ ok: true, data } | { ok: false, error: { code, message } }` (libs/contracts, live.ts). */
export type { Ack };

const logger = new Logger('Live');

/** The one socket mapping of errors (the HTTP filter's counterpart). */
export function errorAck(error: unknown): Ack<never> {
  if (error instanceof DomainError) {
    const { fields, opensAt, closesAt } = error.details ?? {};
    const window = typeof opensAt === 'string' && typeof closesAt === 'string' ? { opensAt, closesAt } : {};
    return { ok: false, error: { code: error.code, message: error.message, ...(fields ? { fields } : {}), ...window } };
  }
  if (isDatabaseUnavailable(error)) return errorAck(DomainError.databaseUnavailable());
  logger.error(error instanceof Error ? error.stack : String(error));
  return { ok: false, error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side' } };
}
