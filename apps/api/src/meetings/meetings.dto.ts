import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsDateTime } from '../common/date-time';
import {
  MEETING_ATTENDANCES,
  MEETING_MODES,
  MEETING_STATUSES,
  type LocalTime,
  type MeetingAttendance,
  type MeetingMode,
  type MeetingStatus,
  type MeetingView,
  type RescheduleView,
  type StandbyView,
  type ScheduleRunView,
} from '@tradebridge/contracts';
import { PageQuery } from '../http/page.query';
import { LocalizedText } from '../common/responses';

const STATUSES = MEETING_STATUSES;
const MODES = MEETING_MODES;
const ATTENDANCE = MEETING_ATTENDANCES;

export class ScheduleRequest {
  @ApiPropertyOptional({ default: false, description: 'Report what a run would book without writing it' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ScheduleRunResponse implements ScheduleRunView {
  @ApiProperty({ type: 'integer', description: 'Meetings booked by this run' }) scheduled: number;
  @ApiProperty({ type: 'integer', description: 'Accepted connections left without a meeting' }) unscheduled: number;
  @ApiProperty({ type: 'integer', description: 'No schedule could book more than this many meetings' }) upperBound: number;
  @ApiProperty({ description: 'scheduled / upperBound (1 when the bound is 0)' }) ratio: number;
  @ApiProperty() applied: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { NO_TABLE: 3, CONFLICTS: 1 } }) unscheduledReasons: Record<string, number>;
  @ApiProperty({ type: 'integer', description: "Slots of the event's grid not used: they start before usableFrom (already past, or within the lead time)" }) excludedSlots: number;
  @ApiProperty({ format: 'date-time', description: 'Now plus the lead time (SCHEDULE_LEAD_MINUTES): the earliest start this run uses' }) usableFrom: string;
  @ApiProperty({ type: 'integer', description: 'SCHEDULE_LEAD_MINUTES' }) leadMinutes: number;
}

/** Exactly one of the two: the partner's badge, or the table's QR sign. */
export class MeetingScanRequest {
  @ApiPropertyOptional({ example: '7K2M-Q9XW-3HTR-8BNC-V4PD', description: "The partner's badge code, as scanned or typed: both parties are at the table" })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(64)
  badgeCode?: string;

  @ApiPropertyOptional({ example: 'T-7K2M-Q9XW-3HTR-8BNC', description: "The code on the table's QR sign (GET /api/events/:id/venues/:venueId/tables): the scanning party is at its table" })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(64)
  tableCode?: string;
}

export class RescheduleRequest {
  @ApiProperty({ format: 'date-time', example: '2021-01-19T06:00:00Z', description: 'The new start; the meeting keeps its length' })
  @IsDateTime()
  startsAt: string;
}

export class RescheduleResponse implements RescheduleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid', description: 'The party that proposed it' }) proposedByRegistrationId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: ['proposed', 'accepted', 'declined', 'withdrawn', 'superseded'] }) status: RescheduleView['status'];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
}

export class ReschedulePage {
  @ApiProperty({ type: [RescheduleResponse] }) items: RescheduleResponse[];
}

class StandbyFreedMeeting {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: ['no_show', 'cancelled'] }) status: 'no_show' | 'cancelled';
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, maxItems: 2, description: "The connection's requester, then its receiver" }) registrationIds: [string, string];
  @ApiProperty({ type: [LocalizedText], minItems: 2, maxItems: 2 }) names: [LocalizedText, LocalizedText];
}

class StandbyPair {
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, maxItems: 2 }) registrationIds: [string, string];
  @ApiProperty({ type: [LocalizedText], minItems: 2, maxItems: 2 }) names: [LocalizedText, LocalizedText];
}

export class StandbyResponse implements StandbyView {
  @ApiProperty({ type: [StandbyFreedMeeting], description: 'Meetings lost to a no-show or a cancellation whose time is not over' }) freed: StandbyFreedMeeting[];
  @ApiProperty({ type: [StandbyPair], description: 'Accepted connections still waiting for a meeting' }) pairs: StandbyPair[];
  @ApiProperty({ type: ScheduleRunResponse, description: 'What a scheduler run would book now (a dry run)' }) preview: ScheduleRunResponse;
}

export class BookMeetingRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) connectionId: string;
  @ApiProperty({ format: 'date-time', example: '2021-01-19T02:00:00Z' }) @IsDateTime() startsAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: one slot later. Otherwise one slot, or at least MEETING_MIN_MINUTES (422 MEETING_TOO_SHORT)' })
  @IsOptional()
  @IsDateTime()
  endsAt?: string;
  @ApiPropertyOptional({ minimum: 1, description: 'On-site meetings: the table (default: the lowest free one)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  table?: number;
}

export class UpdateMeetingRequest {
  @ApiPropertyOptional({
    enum: ['held', 'no_show', 'cancelled'],
    description: 'cancelled: parties and staff, while scheduled. held / no_show: staff override. From a party, held records its own attendance and no_show is 403 NOT_YOUR_ATTENDANCE',
  })
  @IsOptional()
  @IsIn(['held', 'no_show', 'cancelled'], { message: 'must be held, no_show or cancelled' })
  status?: 'held' | 'no_show' | 'cancelled';

  @ApiPropertyOptional({ enum: ATTENDANCE, description: "One party's own attendance; the status follows both parties' records" })
  @IsOptional()
  @IsIn(ATTENDANCE, { message: 'must be attended or absent' })
  attendance?: MeetingAttendance;

  @ApiPropertyOptional({ format: 'uuid', description: 'Whose attendance (default: your own party). Parties name only their own (else 403 NOT_YOUR_ATTENDANCE); staff either' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  registrationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Staff: move the meeting (same length)' })
  @IsOptional()
  @IsDateTime()
  startsAt?: string;
}

export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }) status?: MeetingStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) registrationId?: string;
}

class LocalTimeSchema implements LocalTime {
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone: string;
  @ApiProperty({ example: '2021-01-19T10:00:00+08:00' }) startsAt: string;
  @ApiProperty({ example: '2021-01-19T10:30:00+08:00' }) endsAt: string;
}
export class MeetingResponse implements MeetingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 2, maxItems: 2 }) registrationIds: [string, string];
  @ApiProperty({ format: 'date-time', description: 'UTC' }) startsAt: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) endsAt: string;
  @ApiProperty({ enum: MODES }) mode: MeetingMode;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) venueId: string | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1 }) table: number | null;
  @ApiProperty({ type: String, format: 'uri', nullable: true, description: 'Online meetings: <PUBLIC_URL>/meet/<id>' }) link: string | null;
  @ApiProperty({ enum: STATUSES, description: 'Both attended → held; either absent → no_show; unless staff set it (statusOverridden)' }) status: MeetingStatus;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...ATTENDANCE, null], nullable: true },
    minItems: 2,
    maxItems: 2,
    description: "Each party's own record, in the order of registrationIds",
  })
  attendance: [MeetingAttendance | null, MeetingAttendance | null];
  @ApiProperty({ description: 'Staff set the status explicitly' }) statusOverridden: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'iCalendar SEQUENCE of the invitation: grows with each change of time, place or a cancellation' }) sequence: number;
  @ApiProperty({ type: LocalTimeSchema, description: "In your venue's time zone (the event's for staff)" }) local: LocalTimeSchema;
  @ApiPropertyOptional({ type: LocalTimeSchema, description: "In the partner's venue time zone" }) partnerLocal?: LocalTimeSchema;
}
export class MeetingPage {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class AvailabilityWindow {
  @ApiProperty({ format: 'date-time' }) @IsDateTime() startsAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateTime() endsAt: string;
}
export class AvailabilityRequest {
  @ApiProperty({ type: [AvailabilityWindow], description: 'When the registration can meet; none = the whole event' })
  @IsArray()
  @ArrayMaxSize(48)
  // ValidateNested passes an element that is itself an array ([[]]): each must be an object.
  @IsObject({ each: true, message: 'each window must be an object { startsAt, endsAt }' })
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindow)
  windows: AvailabilityWindow[];
}
export class AvailabilityResponse {
  @ApiProperty({ type: [AvailabilityWindow] }) items: AvailabilityWindow[];
}
