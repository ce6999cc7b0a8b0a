/**
 * Stable, machine-readable error codes of the public contract. Services throw
 * `DomainError`s with one of these; each transport maps them once (HTTP: the
 * exception filter; sockets: the acknowledgement mapper).
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  RATE_LIMITED = 'RATE_LIMITED',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  UNKNOWN_HS_CODE = 'UNKNOWN_HS_CODE',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  UNKNOWN_TIMEZONE = 'UNKNOWN_TIMEZONE',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  EVENT_CLOSED = 'EVENT_CLOSED',
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  NOT_A_SIDE = 'NOT_A_SIDE',
  ALREADY_STAFF = 'ALREADY_STAFF',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  NOT_APPROVED = 'NOT_APPROVED',
  ALREADY_CHECKED_IN = 'ALREADY_CHECKED_IN',
  ROOM_FULL = 'ROOM_FULL',
  VENUE_FULL = 'VENUE_FULL',
  CONFLICT = 'CONFLICT',
  SAME_SIDE_CONNECTION = 'SAME_SIDE_CONNECTION',
  CONNECTION_EXISTS = 'CONNECTION_EXISTS',
  CONNECTION_DECLINED = 'CONNECTION_DECLINED',
  CONNECTION_EXPIRED = 'CONNECTION_EXPIRED',
  CONNECTION_NOT_PENDING = 'CONNECTION_NOT_PENDING',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  NOT_CHECKED_IN = 'NOT_CHECKED_IN',
  TOO_MANY_PENDING_REQUESTS = 'TOO_MANY_PENDING_REQUESTS',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  SLOT_TAKEN = 'SLOT_TAKEN',
  OUTSIDE_EVENT = 'OUTSIDE_EVENT',
  UNKNOWN_CURRENCY = 'UNKNOWN_CURRENCY',
  FOLLOW_UP_CLOSED = 'FOLLOW_UP_CLOSED',
  SIDES_FROZEN = 'SIDES_FROZEN',
  MEETING_IN_PAST = 'MEETING_IN_PAST',
  MEETING_TOO_SHORT = 'MEETING_TOO_SHORT',
  NOT_YOUR_ATTENDANCE = 'NOT_YOUR_ATTENDANCE',
  NOT_SAME_VENUE = 'NOT_SAME_VENUE',
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  NOT_AN_ONLINE_MEETING = 'NOT_AN_ONLINE_MEETING',
  MEETING_ROOM_CLOSED = 'MEETING_ROOM_CLOSED',
  MEETING_CALL_FULL = 'MEETING_CALL_FULL',
  RESCHEDULE_PENDING = 'RESCHEDULE_PENDING',
  NOT_MEETING_TIME = 'NOT_MEETING_TIME',
  WRONG_TABLE = 'WRONG_TABLE',
  NOT_YOUR_ROOM = 'NOT_YOUR_ROOM',
  NOT_YOUR_PROPOSAL = 'NOT_YOUR_PROPOSAL',
  IN_USE = 'IN_USE',
  THREAD_CLOSED = 'THREAD_CLOSED',
  IMPORT_RUNNING = 'IMPORT_RUNNING',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNSUBSCRIBE_TOKEN_INVALID = 'UNSUBSCRIBE_TOKEN_INVALID',
  RESET_TOKEN_INVALID = 'RESET_TOKEN_INVALID',
}

/** HTTP status for each code: the one place that decides it. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.UNKNOWN_HS_CODE]: 400,
  [ErrorCode.UNKNOWN_REGION]: 400,
  [ErrorCode.UNKNOWN_TIMEZONE]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.TOKEN_EXPIRED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.EMAIL_TAKEN]: 409,
  [ErrorCode.ALREADY_REGISTERED]: 409,
  [ErrorCode.ALREADY_STAFF]: 409,
  [ErrorCode.ALREADY_DECIDED]: 409,
  [ErrorCode.ALREADY_CHECKED_IN]: 409,
  [ErrorCode.INVALID_STATUS_TRANSITION]: 409,
  [ErrorCode.EVENT_CLOSED]: 409,
  [ErrorCode.REGISTRATION_CLOSED]: 409,
  [ErrorCode.ROOM_FULL]: 409,
  [ErrorCode.VENUE_FULL]: 409,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SAME_SIDE_CONNECTION]: 422,
  [ErrorCode.CONNECTION_EXISTS]: 409,
  [ErrorCode.CONNECTION_DECLINED]: 409,
  [ErrorCode.CONNECTION_EXPIRED]: 409,
  [ErrorCode.CONNECTION_NOT_PENDING]: 409,
  [ErrorCode.NOT_ACCEPTED]: 422,
  [ErrorCode.NOT_CHECKED_IN]: 422,
  [ErrorCode.TOO_MANY_PENDING_REQUESTS]: 429,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.SLOT_TAKEN]: 409,
  [ErrorCode.OUTSIDE_EVENT]: 422,
  [ErrorCode.UNKNOWN_CURRENCY]: 400,
  [ErrorCode.FOLLOW_UP_CLOSED]: 409,
  [ErrorCode.SIDES_FROZEN]: 409,
  [ErrorCode.MEETING_IN_PAST]: 422,
  [ErrorCode.MEETING_TOO_SHORT]: 422,
  [ErrorCode.NOT_YOUR_ATTENDANCE]: 403,
  [ErrorCode.NOT_SAME_VENUE]: 422,
  [ErrorCode.NOT_A_PARTICIPANT]: 403,
  [ErrorCode.NOT_AN_ONLINE_MEETING]: 409,
  [ErrorCode.MEETING_ROOM_CLOSED]: 409,
  [ErrorCode.MEETING_CALL_FULL]: 409,
  [ErrorCode.RESCHEDULE_PENDING]: 409,
  [ErrorCode.NOT_MEETING_TIME]: 409,
  [ErrorCode.WRONG_TABLE]: 409,
  [ErrorCode.NOT_YOUR_ROOM]: 403,
  [ErrorCode.NOT_YOUR_PROPOSAL]: 403,
  [ErrorCode.IN_USE]: 409,
  [ErrorCode.THREAD_CLOSED]: 409,
  [ErrorCode.IMPORT_RUNNING]: 409,
  [ErrorCode.NOT_A_SIDE]: 422,
  [ErrorCode.NOT_APPROVED]: 422,
  [ErrorCode.TOO_MANY_ATTEMPTS]: 429,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.UNSUBSCRIBE_TOKEN_INVALID]: 400,
  [ErrorCode.RESET_TOKEN_INVALID]: 400,
};

/** The `Retry-After` of a 503 DATABASE_UNAVAILABLE: a PostgreSQL restart or failover takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * One bad field of a request: its path (`offers[0].hsCode`) and what is wrong, in
 * English (`message`) and, for validation rules, machine-readable so a client can
 * say it in its own language: the `rule` broken (`required` for a missing value,
 * else class-validator's constraint name: `maxLength`, `isUuid`, `isIn`, …) with
 * its `limit` (`maxLength` 120) or allowed `values` (`isIn`).
 */
export interface FieldProblem {
  field: string;
  message: string;
  rule?: string;
  limit?: number;
  values?: (string | number)[];
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldProblem[] } & Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  static notFound(what: string, id?: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found` : `${what} was not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  /** PostgreSQL cannot be reached (see `isDatabaseUnavailable`): 503, come back in a moment. */
  static databaseUnavailable(): DomainError {
    return new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; try again shortly', { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  }

  /** A validation failure of named fields, reported like a DTO validation error. */
  static invalidFields(code: ErrorCode, fields: FieldProblem[]): DomainError {
    return new DomainError(code, fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }
}
