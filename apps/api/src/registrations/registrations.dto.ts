import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ATTENDANCES, REGISTRATION_STATUSES, type Attendance, type RegistrationStatus, type RegistrationView, type RoomAssignmentView } from '@tradebridge/contracts';
import { LocalizedText } from '../common/responses';
import { PageQuery } from '../http/page.query';
import { trim, upper } from '../common/transforms';

const ATTENDANCE = ATTENDANCES;
const STATUSES = REGISTRATION_STATUSES;

export class CreateRegistrationRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) enterpriseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' }) venueId: string;
  @ApiProperty({ enum: ATTENDANCE }) @IsIn(ATTENDANCE, { message: 'must be onsite or online' }) attendance: Attendance;
}

export class RejectRegistrationRequest {
  @ApiPropertyOptional({ example: 'Outside the sectors of this conference', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class UpdateRegistrationRequest {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Organizer override of the room (null takes it out of its room)' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'must be a UUID or null' })
  roomId: string | null;
}

export class RegistrationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }) status?: RegistrationStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) roomId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) venueId?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  side?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the enterprise name in any language, diacritics optional ("bat xat" finds "Bát Xát"), or a badge code' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ATTENDANCE }) @IsOptional() @IsIn(ATTENDANCE, { message: 'must be onsite or online' }) attendance?: Attendance;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only those checked in (true) or not yet (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  checkedIn?: 'true' | 'false';
}

export class CheckInRequest {
  @ApiProperty({ example: '7K2M-Q9XW-3HTR-8BNC-V4PD' }) @IsString() @MaxLength(64) badgeCode: string;
}

export class RoomAssignmentRequest {
  @ApiPropertyOptional({ default: false, description: 'Preview the placement without writing it' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

class RegistrationEnterpriseSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty() country: string;
  @ApiProperty() region: string;
}

export class RegistrationResponse implements RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiPropertyOptional({ type: RegistrationEnterpriseSchema }) enterprise?: RegistrationEnterpriseSchema;
  @ApiProperty({ format: 'uuid' }) venueId: string;
  @ApiProperty({ enum: ATTENDANCE }) attendance: Attendance;
  @ApiProperty({ example: 'VN' }) side: string;
  @ApiProperty({ enum: STATUSES }) status: RegistrationStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roomId: string | null;
  @ApiPropertyOptional({ description: "Only for the enterprise's own members and the event's staff" }) badgeCode?: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedInAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
export class RegistrationPage {
  @ApiProperty({ type: [RegistrationResponse] }) items: RegistrationResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}

class AssignmentSchema {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ description: 'Sector overlap score of the placement' }) overlap: number;
  @ApiProperty({ description: 'Already in this room (kept, e.g. an organizer override)' }) kept: boolean;
}
class UnassignedSchema {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty() reason: string;
  @ApiProperty() message: string;
}
class MissingSideSchema {
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty() missingSide: string;
}
export class RoomAssignmentResponse implements RoomAssignmentView {
  @ApiProperty() applied: boolean;
  @ApiProperty({ type: [AssignmentSchema] }) assignments: AssignmentSchema[];
  @ApiProperty({ type: [UnassignedSchema] }) unassigned: UnassignedSchema[];
  @ApiProperty({ type: [MissingSideSchema] }) roomsMissingASide: MissingSideSchema[];
}
