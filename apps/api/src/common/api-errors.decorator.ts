import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger';
import { ErrorResponse } from './responses';

export const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, UNKNOWN_HS_CODE, UNKNOWN_REGION, UNKNOWN_TIMEZONE, UNKNOWN_CURRENCY)',
  401: 'Missing, invalid or expired token',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The request body is larger than 256 kB (PAYLOAD_TOO_LARGE)',
  415: 'The request body is in an unsupported charset or content encoding (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Well-formed but not acceptable for this event',
  429: 'Too many attempts',
  503: 'The database is unavailable (DATABASE_UNAVAILABLE); try again after Retry-After seconds',
};

/** Seconds until a refused request may be tried again (429 TOO_MANY_ATTEMPTS, 503 DATABASE_UNAVAILABLE): `details.retryAfterSeconds` too. */
export const RETRY_AFTER: HeaderObject = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } };

/** Documents the error responses of a route (all share the ErrorResponse schema; a 429 may say when to come back). */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_RESPONSES[status], type: ErrorResponse, ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}) })),
  );
}

/** A route that needs a bearer token: documents the scheme and the 401. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401));
}
