import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '@tradebridge/core';

export const IS_PUBLIC = 'tradebridge:public';
/** The OpenAPI mark of a public operation (swagger drops an empty method-level `security`). */
export const PUBLIC_EXTENSION = 'x-public';

/**
 * Marks a route as reachable without a token. Every other route requires one (AuthGuard).
 * The OpenAPI document says so too: `security: []` (see openapi/document.ts, which turns the mark into it).
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** The authenticated actor of the request (set by AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
