import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, isDatabaseUnavailable } from '@tradebridge/core';
import type { ErrorBody } from '@tradebridge/contracts';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_ATTEMPTS,
};

/** The one HTTP mapping of every error to `{ statusCode, code, message, details? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return this.abort(exception, host.switchToHttp().getRequest<Request>(), response);
    const body = this.toBody(exception);
    // An outage answers every request alike: one line each, not a stack trace each.
    if (body.code === String(ErrorCode.DATABASE_UNAVAILABLE)) this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // TOO_MANY_ATTEMPTS and DATABASE_UNAVAILABLE say when to come back.
    if (typeof body.details?.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(body.details.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  /**
   * A download that fails once it has started (a report streamed page by page)
   * can no longer get a status or an error body. One log line, and the
   * connection is cut rather than ended, so the client sees an aborted
   * transfer and cannot take the truncated file for a whole one.
   */
  private abort(exception: unknown, request: Request, response: Response): void {
    const what = `${request.method} ${request.originalUrl ?? request.url} aborted after the response had started`;
    if (isDatabaseUnavailable(exception)) this.logger.warn(`${what}: database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    else this.logger.error(`${what}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    response.destroy();
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      // Nest's exceptions carry a string, or (ValidationPipe's way) a list of them.
      const message = typeof given === 'string' ? given : Array.isArray(given) ? given.join(',') : exception.message;
      // body-parser: malformed JSON and oversized bodies arrive as HttpExceptions too.
      if (status === 400 && /JSON/i.test(message)) {
        return { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: 'The request body is not valid JSON' };
      }
      if (status === 413) return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' };
      return { statusCode: status, code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL : `HTTP_${status}`), message };
    }
    // body-parser's own refusals (http-errors marked `expose`): too large, too many fields, unsupported charset, aborted.
    const client = exposedClientError(exception);
    if (client) {
      if (client.status === 413) return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' };
      return { statusCode: client.status, code: STATUS_CODES[client.status] ?? `HTTP_${client.status}`, message: client.message };
    }
    if (isDatabaseUnavailable(exception)) return this.toBody(DomainError.databaseUnavailable());
    return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Something went wrong on our side' };
  }
}

function exposedClientError(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? { status, message: error.message } : undefined;
}
