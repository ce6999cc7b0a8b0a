import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type { MeetingMode, MeetingStatus } from '@tradebridge/contracts';
import { PageQuery } from '../http/page.query';

const STATUSES: MeetingStatus[] = ['scheduled', 'held', 'no_show', 'cancelled'];
const MODES: MeetingMode[] = ['onsite', 'online'];

export class ScheduleRequest {
  @ApiPropertyOptional({ default: false, description: 'Report what a run would book without writing it' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ScheduleRunResponse {
  @ApiProperty({ description: 'Meetings booked by this run' }) scheduled: number;
  @ApiProperty({ description: 'Accepted connections left without a meeting' }) unscheduled: number;
  @ApiProperty({ description: 'No schedule could book more than this many meetings' }) upperBound: number;
  @ApiProperty({ description: 'scheduled / upperBound (1 when the bound is 0)' }) ratio: number;
  @ApiProperty() applied: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { NO_TABLE: 3, CONFLICTS: 1 } }) unscheduledReasons: Record<string, number>;
}

export class BookMeetingRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) connectionId: string;
  @ApiProperty({ format: 'date-time', example: '2021-01-19T02:00:00Z' }) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' }) startsAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: one slot later' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  endsAt?: string;
  @ApiPropertyOptional({ minimum: 1, description: 'On-site meetings: the table (default: the lowest free one)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  table?: number;
}

export class UpdateMeetingRequest {
  @ApiPropertyOptional({ enum: ['held', 'no_show', 'cancelled'] })
  @IsOptional()
  @IsIn(['held', 'no_show', 'cancelled'], { message: 'must be held, no_show or cancelled' })
  status?: 'held' | 'no_show' | 'cancelled';

  @ApiPropertyOptional({ format: 'date-time', description: 'Staff: move the meeting (same length)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  startsAt?: string;
}

export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }) status?: MeetingStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) registrationId?: string;
}

class LocalTimeSchema {
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone: string;
  @ApiProperty({ example: '2021-01-19T10:00:00+08:00' }) startsAt: string;
  @ApiProperty({ example: '2021-01-19T10:30:00+08:00' }) endsAt: string;
}
export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) registrationIds: [string, string];
  @ApiProperty({ format: 'date-time', description: 'UTC' }) startsAt: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) endsAt: string;
  @ApiProperty({ enum: MODES }) mode: MeetingMode;
  @ApiProperty({ format: 'uuid', nullable: true }) venueId: string | null;
  @ApiProperty({ nullable: true }) table: number | null;
  @ApiProperty({ nullable: true }) link: string | null;
  @ApiProperty({ enum: STATUSES }) status: MeetingStatus;
  @ApiProperty({ type: LocalTimeSchema, description: "In your venue's time zone (the event's for staff)" }) local: LocalTimeSchema;
  @ApiPropertyOptional({ type: LocalTimeSchema, description: "In the partner's venue time zone" }) partnerLocal?: LocalTimeSchema;
}
export class MeetingPage {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty() total: number;
}

export class AvailabilityWindow {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' }) endsAt: string;
}
export class AvailabilityRequest {
  @ApiProperty({ type: [AvailabilityWindow], description: 'When the registration can meet; none = the whole event' })
  @IsArray()
  @ArrayMaxSize(48)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindow)
  windows: AvailabilityWindow[];
}
export class AvailabilityResponse {
  @ApiProperty({ type: [AvailabilityWindow] }) items: AvailabilityWindow[];
}
