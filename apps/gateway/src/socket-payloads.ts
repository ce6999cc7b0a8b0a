import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, validate } from 'class-validator';
import { DomainError, ErrorCode, inputShapeProblem, MAX_POSITION } from '@tradebridge/core';
import { fieldProblems } from '../../api/src/http/validation';

/** Client → server payloads of the /live namespace (docs/realtime.md). */
export class SubscribePayload {
  @IsUUID('all', { message: 'must be a UUID' }) eventId: string;
  @IsOptional() @IsInt({ message: 'must be an integer' }) @Min(0) @Max(MAX_POSITION) afterSeq?: number;
}

export class NotificationsSubscribePayload {
  @IsOptional() @IsInt({ message: 'must be an integer' }) @Min(0) @Max(MAX_POSITION) afterId?: number;
}

export class RoomPayload {
  @IsUUID('all', { message: 'must be a UUID' }) roomId: string;
}

export class ConnectionRequestPayload {
  @IsUUID('all', { message: 'must be a UUID' }) toRegistrationId: string;
  /** Needed only when the user has several registrations in the event. */
  @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) fromRegistrationId?: string;
  @IsOptional() @IsString() @MaxLength(1000) message?: string;
}

export class ConnectionRespondPayload {
  @IsUUID('all', { message: 'must be a UUID' }) connectionId: string;
  @IsBoolean({ message: 'must be true or false' }) accept: boolean;
}

/** Validates a payload like the HTTP ValidationPipe does: unknown fields refused, every bad field named. */
export async function parsePayload<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The payload must be an object');
  }
  // Before class-transformer walks it: what no input may hold (deep nesting, NUL, unpaired surrogates, prototype keys).
  const shape = inputShapeProblem(payload);
  if (shape) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, [shape]);
  const instance = plainToInstance(type, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw DomainError.invalidFields(ErrorCode.VALIDATION_FAILED, fieldProblems(errors));
  return instance;
}

export class MeetingCallPayload {
  @IsUUID('all', { message: 'must be a UUID' }) meetingId: string;
}

/** SDP and ICE are relayed as they are; only their size is bounded (an SDP of a 4-peer call is a few kB). */
export const MAX_SIGNAL_BYTES = 32_768;

export class MeetingSignalPayload {
  @IsUUID('all', { message: 'must be a UUID' }) meetingId: string;
  @IsString() @MaxLength(64) to: string;
  @IsObject({ message: 'must be an object ({ description } or { candidate })' }) data: Record<string, unknown>;
}
