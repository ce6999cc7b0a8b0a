import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './responses';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, UNKNOWN_HS_CODE, UNKNOWN_REGION, UNKNOWN_TIMEZONE)',
  401: 'Missing, invalid or expired token',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  422: 'Well-formed but not acceptable for this event',
  429: 'Too many attempts',
};

/** Documents the error responses of a route (all share the ErrorResponse schema). */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse })));
}

/** A route that needs a bearer token: documents the scheme and the 401. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401));
}
