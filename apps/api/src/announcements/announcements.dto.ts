import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { AnnouncementView } from '@tradebridge/contracts';
import { HasALanguage } from '../common/localized.dto';
import { trim, upper } from '../common/transforms';

/** What organizers write: up to 1000 characters in each language they use. */
export class AnnouncementText {
  @ApiPropertyOptional({ example: 'Phiên kết nối giao thương bắt đầu lúc 9:00 tại hội trường chính.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be blank' })
  @MaxLength(1000)
  vi?: string;

  @ApiPropertyOptional({ example: '贸易对接会将于 9:00 在主会场开始。' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be blank' })
  @MaxLength(1000)
  zh?: string;

  @ApiPropertyOptional({ example: 'The matchmaking session starts at 9:00 in the main hall.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be blank' })
  @MaxLength(1000)
  en?: string;
}

/** At most one: a venue, a room or a side; none for everyone. */
export class AnnouncementAudienceInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only those registered at this venue' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  venueId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only those placed in this room' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  roomId?: string;

  @ApiPropertyOptional({ example: 'CN', description: "Only this side (one of the event's two country codes)" })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  side?: string;
}

export class SendAnnouncementRequest {
  @ApiProperty({ type: AnnouncementText, description: 'At least one of vi, zh, en; each reader gets theirs, else en, vi, zh' })
  @IsObject()
  @HasALanguage()
  @ValidateNested()
  @Type(() => AnnouncementText)
  text: AnnouncementText;

  @ApiPropertyOptional({ type: AnnouncementAudienceInput, description: 'Leave out for every approved participant' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AnnouncementAudienceInput)
  audience?: AnnouncementAudienceInput;
}

export class AnnouncementSentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Approved registrations in the audience' }) registrations: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: "People told: the members of those registrations' enterprises" }) recipients: number;
}

export class AnnouncementTextResponse {
  @ApiPropertyOptional() vi?: string;
  @ApiPropertyOptional() zh?: string;
  @ApiPropertyOptional() en?: string;
}

export class AnnouncementAudienceResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) venueId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roomId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CN' }) side: string | null;
}

export class AnnouncementResponse implements AnnouncementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ type: AnnouncementTextResponse }) text: AnnouncementTextResponse;
  @ApiProperty({ type: AnnouncementAudienceResponse, description: 'All null: everyone' }) audience: AnnouncementAudienceResponse;
  @ApiProperty({ type: 'integer', minimum: 0 }) registrations: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) recipients: number;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AnnouncementPage {
  @ApiProperty({ type: [AnnouncementResponse] }) items: AnnouncementResponse[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total: number;
}
