import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode, pgError } from '@tradebridge/core';
import type { ErrorBody } from '@tradebridge/contracts';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.TOO_MANY_ATTEMPTS,
};

/** Errors the pg driver raises when the server is unreachable or going away. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);

/** The one HTTP mapping of every error to `{ statusCode, code, message, details? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (body.code === ErrorCode.TOO_MANY_ATTEMPTS && typeof body.details?.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(body.details.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      // body-parser: malformed JSON and oversized bodies arrive as HttpExceptions too.
      if (status === HttpStatus.BAD_REQUEST && /JSON/i.test(message)) {
        return { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: 'The request body is not valid JSON' };
      }
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
      return { statusCode: status, code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL : `HTTP_${status}`), message };
    }
    const driver = pgError(exception);
    const driverCode = driver?.code ?? (exception as { code?: string } | undefined)?.code;
    if ((driverCode && UNAVAILABLE.has(driverCode)) || isPoolTimeout(exception)) {
      return { statusCode: 503, code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; try again shortly' };
    }
    return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Something went wrong on our side' };
  }
}

function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}
