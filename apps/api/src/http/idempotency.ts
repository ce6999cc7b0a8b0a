import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, IDEMPOTENCY_KEY_PATTERN, type IdempotentAnswer } from '@tradebridge/core';

/**
 * Create routes that honour `Idempotency-Key` (connections, events, venues, rooms, staff):
 * the header, checked; its OpenAPI description; and how a stored answer is replayed.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
  }
  return value;
});

/** The header and the replay mark in the OpenAPI document. */
export const ApiIdempotent = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key and body within 24 h → the first response, replayed (a double-submitted form creates one row)',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
    }),
  );

/** The `headers` of a 201 that may be a replay. */
export const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** Sends the answer's status (and the replay mark) and returns its body. */
export function replay<T>(response: Response, answer: IdempotentAnswer<T>): T {
  response.status(answer.status);
  if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return answer.body;
}
