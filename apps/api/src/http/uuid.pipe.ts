import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError, ErrorCode } from '@tradebridge/core';

/** A path or query id that must be a UUID: 400 naming the parameter otherwise (never a 500 from the database). */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: undefined,
    exceptionFactory: () =>
      new DomainError(ErrorCode.VALIDATION_FAILED, `${name} must be a UUID`, { fields: [{ field: name, message: 'must be a UUID', rule: 'isUuid' }] }),
  });
}
