import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@tradebridge/core';

/** A path or query id that must be a UUID: 400 naming the parameter otherwise (never a 500 from the database). */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: undefined,
    exceptionFactory: () => new DomainError(ErrorCode.VALIDATION_FAILED, `${name} must be a UUID`, { fields: [{ field: name, message: 'must be a UUID', rule: 'isUuid' }] }),
  });
}

/** `@Param(name)` that must be a UUID (uuidPipe), documented as `format: uuid` in the OpenAPI document. */
export function UuidParam(name: string): ParameterDecorator {
  return (target: object, key: string | symbol | undefined, index: number) => {
    Param(name, uuidPipe(name))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
  };
}
