import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDateTime } from '../common/date-time';
import {
  EVENT_STATUSES,
  ROOM_STATUSES,
  STAFF_ROLES,
  VENUE_KINDS,
  type EventStatus,
  type EventView,
  type RoomStatus,
  type RoomView,
  type StaffRole,
  type StaffView,
  type VenueKind,
  type VenueView,
  type VenueTablesView,
} from '@tradebridge/contracts';
import { LocalizedName, LocalizedInput } from '../common/localized.dto';
import { LocalizedText } from '../common/responses';
import { PageQuery } from '../http/page.query';
import { trim, upper, upperEach } from '../common/transforms';

const STATUSES = EVENT_STATUSES;
const KINDS = VENUE_KINDS;

export class CreateEventRequest {
  @LocalizedName()
  name: LocalizedInput;

  @ApiProperty({ example: 'Asia/Ho_Chi_Minh', description: 'IANA time zone of the event' })
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  timezone: string;

  @ApiProperty({ example: '2021-01-19T01:00:00.000Z', format: 'date-time' })
  @IsDateTime()
  startsAt: string;

  @ApiProperty({ example: '2021-01-19T10:00:00.000Z', format: 'date-time' })
  @IsDateTime()
  endsAt: string;

  @ApiPropertyOptional({ example: ['VN', 'CN'], description: 'The two delegations (ISO 3166-1 alpha-2); default VN and CN' })
  @IsOptional()
  @Transform(upperEach)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each side must be an ISO 3166-1 alpha-2 country code' })
  sides?: [string, string];

  @ApiPropertyOptional({ example: 30, minimum: 5, maximum: 240, description: 'Meeting slot length in minutes' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes?: number;

  @ApiPropertyOptional({ example: true, description: 'Keep registration open while the event is live (walk-ins); default true' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  walkInRegistration?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    example: [1440, 15],
    description: 'Minutes before each meeting its parties are reminded (in-app and e-mail); up to 5 distinct offsets from 1 to 10080; default [1440, 15]; [] for none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique({ message: 'must not repeat an offset' })
  @IsInt({ each: true, message: 'each offset must be a whole number of minutes' })
  @Min(1, { each: true, message: 'each offset must be at least 1 minute' })
  @Max(10080, { each: true, message: 'each offset must be at most 10080 minutes (a week)' })
  reminderMinutes?: number[];
}

// skipNullProperties: false: a field left out is optional, but `null` is still validated (and refused) rather than skipped.
export class UpdateEventRequest extends PartialType(CreateEventRequest, { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: STATUSES, description: 'draft → registration_open → live → closed' })
  @IsOptional()
  @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })
  status?: EventStatus;
}

export class EventListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })
  status?: EventStatus;
}

export class EventResponse implements EventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: [String], example: ['VN', 'CN'], minItems: 2, maxItems: 2 }) sides: [string, string];
  @ApiProperty({ enum: STATUSES }) status: EventStatus;
  @ApiProperty({ type: 'integer', example: 30 }) slotMinutes: number;
  @ApiProperty({ example: true, description: 'Registration stays open while the event is live' }) walkInRegistration: boolean;
  @ApiProperty({ type: 'integer', isArray: true, example: [1440, 15], description: 'Minutes before each meeting its parties are reminded' })
  reminderMinutes: number[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
export class EventPage {
  @ApiProperty({ type: [EventResponse] }) items: EventResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class CreateVenueRequest {
  @ApiProperty({ example: 'Điểm cầu chính Lào Cai' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 'Lào Cai' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) city: string;

  @ApiProperty({ example: 'VN' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country: string;

  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) @Transform(trim) @IsString() @MaxLength(64) timezone: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS, { message: `must be one of ${KINDS.join(', ')}` }) kind: VenueKind;
  @ApiProperty({ example: 300, minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) capacity: number;
  @ApiPropertyOptional({ example: 40, minimum: 0, description: 'Meeting tables (0 for online)' }) @IsOptional() @IsInt() @Min(0) @Max(10_000) tables?: number;
}

// skipNullProperties: false: `null` is validated (and refused), not taken as "leave it".
export class UpdateVenueRequest extends PartialType(CreateVenueRequest, { skipNullProperties: false }) {}

export class VenueResponse implements VenueView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() city: string;
  @ApiProperty() country: string;
  @ApiProperty() timezone: string;
  @ApiProperty({ enum: KINDS }) kind: VenueKind;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer' }) tables: number;
}
export class VenuePage {
  @ApiProperty({ type: [VenueResponse] }) items: VenueResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}
export class TableCodeResponse {
  @ApiProperty({ type: 'integer', example: 7 }) tableNo: number;
  @ApiProperty({ example: 'T-7K2M-Q9XW-3HTR-8BNC', description: "What the table's QR sign carries; a party scans it at the slot (POST /api/meetings/:id/scan with tableCode)" }) code: string;
}
export class VenueTablesResponse implements VenueTablesView {
  @ApiProperty({ type: VenueResponse }) venue: VenueResponse;
  @ApiProperty({ type: [TableCodeResponse], description: 'Tables 1..venue.tables; codes are issued on first listing and never change' }) tables: TableCodeResponse[];
}

export class CreateRoomRequest {
  @LocalizedName()
  name: LocalizedInput;

  @ApiProperty({ example: ['II', 'IV'], description: 'HS sections (roman) or chapters (2 digits)' })
  @Transform(upperEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(99)
  @Matches(/^([IVX]{1,5}|\d{2})$/, { each: true, message: 'each sector code must be an HS section (roman) or chapter (2 digits)' })
  sectorCodes: string[];

  @ApiProperty({ example: 150, minimum: 1 }) @IsInt() @Min(1) @Max(100_000) capacity: number;
}

export class UpdateRoomRequest extends PartialType(CreateRoomRequest, { skipNullProperties: false }) {}

export class RoomResponse implements RoomView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty({ type: [String] }) sectorCodes: string[];
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ enum: ROOM_STATUSES }) status: RoomStatus;
}
export class RoomPage {
  @ApiProperty({ type: [RoomResponse] }) items: RoomResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class AddStaffRequest {
  @ApiProperty({ example: 'moderator@laocai.gov.vn' }) @Transform(trim) @IsEmail({}, { message: 'must be a valid e-mail address' }) email: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES, { message: 'must be organizer or moderator' }) role: StaffRole;
}

export class StaffResponse implements StaffView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The rooms a moderator runs (calls the next presenter, records connections); empty for organizers, who run every room' })
  roomIds: string[];
}
export class StaffPage {
  @ApiProperty({ type: [StaffResponse] }) items: StaffResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

/** `DELETE …/venues/:venueId` and `…/rooms/:roomId`: where what uses it moves first. */
export class MoveToQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Another venue (of the same kind) or room of the event: what uses the deleted one moves there first, in the same transaction',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  moveTo?: string;
}
