import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  ATTENDANCES,
  CERTIFICATION_KINDS,
  ENTERPRISE_SIZES,
  type Attendance,
  type CertificationKind,
  type DirectoryEntryView,
  type DirectoryPage,
  type DirectorySettingsView,
  type EnterpriseSize,
} from '@tradebridge/contracts';
import { LocalizedText } from '../common/responses';
import { PageQuery } from '../http/page.query';
import { trim, upper } from '../common/transforms';
import { CertificationSchema, ContactSchema, ProductLineSchema } from '../enterprises/enterprises.dto';

const lower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class DirectoryViewerQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The registration you browse as (only needed when your enterprises have several in this event)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  as?: string;
}

export class DirectoryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The registration you browse as (only needed when your enterprises have several in this event)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  as?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words of the enterprise name in any language, diacritics optional ("bat xat" finds "Bát Xát")' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'CN', description: 'One of the sides you may browse' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  side?: string;

  @ApiPropertyOptional({ example: 'II', description: 'HS section (roman numeral) or chapter (2 digits): declared sectors or any product in it' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^([IVX]{1,5}|\d{2})$/, { message: 'must be an HS section (I–XXI) or a 2-digit chapter' })
  sector?: string;

  @ApiPropertyOptional({ example: '0810', description: 'HS code prefix (2–6 digits) of an offered or needed product' })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\d{2,6}$/, { message: 'must be 2 to 6 digits' })
  hs?: string;

  @ApiPropertyOptional({ example: 'VN' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;

  @ApiPropertyOptional({ example: 'VN-02', description: 'ISO 3166-2 region (a pre-2025 VN province code finds its current province)' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'must be an ISO 3166-2 code such as VN-02' })
  region?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) venueId?: string;

  @ApiPropertyOptional({ enum: ATTENDANCES }) @IsOptional() @IsIn(ATTENDANCES, { message: 'must be onsite or online' }) attendance?: Attendance;

  @ApiPropertyOptional({ example: 'zh', description: 'ISO 639-1 language the enterprise works in' })
  @IsOptional()
  @Transform(lower)
  @Matches(/^[a-z]{2}$/, { message: 'must be an ISO 639-1 language code' })
  language?: string;

  @ApiPropertyOptional({ enum: CERTIFICATION_KINDS })
  @IsOptional()
  @IsIn(CERTIFICATION_KINDS, { message: `must be one of ${CERTIFICATION_KINDS.join(', ')}` })
  certification?: CertificationKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 3, maximum: 5, description: 'At least this many OCOP stars' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be 3, 4 or 5' })
  @Min(3, { message: 'must be 3, 4 or 5' })
  @Max(5, { message: 'must be 3, 4 or 5' })
  ocopStars?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only the favourites of the registration you browse as' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  favourites?: 'true' | 'false';
}

export class DirectorySettingsRequest implements DirectorySettingsView {
  @ApiProperty({ description: 'Enterprises also browse their own side (default: only the other side)' })
  @IsBoolean({ message: 'must be true or false' })
  ownSide: boolean;
}

export class DirectorySettingsResponse implements DirectorySettingsView {
  @ApiProperty() ownSide: boolean;
}

class DirectoryVenueSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Điểm cầu chính Lào Cai' }) name: string;
  @ApiProperty({ example: 'Lào Cai' }) city: string;
}

class DirectoryEnterpriseSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedText }) name: LocalizedText;
  @ApiProperty({ example: 'VN' }) country: string;
  @ApiProperty({ example: 'VN-02' }) region: string;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ type: [ProductLineSchema] }) offers: ProductLineSchema[];
  @ApiProperty({ type: [ProductLineSchema] }) needs: ProductLineSchema[];
  @ApiProperty({ type: [CertificationSchema] }) certifications: CertificationSchema[];
  @ApiProperty({ type: [String], example: ['vi', 'en'] }) languages: string[];
  @ApiPropertyOptional() website?: string;
  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES }) size?: EnterpriseSize;
  @ApiProperty({ type: LocalizedText }) description: LocalizedText;
  @ApiPropertyOptional({ type: ContactSchema, description: 'Only for its members, the staff of the event and accepted partners' }) contact?: ContactSchema;
}

export class DirectoryEntryResponse implements DirectoryEntryView {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ example: 'CN' }) side: string;
  @ApiProperty({ type: DirectoryVenueSchema }) venue: DirectoryVenueSchema;
  @ApiProperty({ enum: ATTENDANCES }) attendance: Attendance;
  @ApiProperty({ description: 'Saved by the registration you browse as' }) favourite: boolean;
  @ApiProperty({ type: DirectoryEnterpriseSchema }) enterprise: DirectoryEnterpriseSchema;
}

export class DirectoryPageResponse implements DirectoryPage {
  @ApiProperty({ type: [DirectoryEntryResponse] }) items: DirectoryEntryResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [String], example: ['CN'], description: 'The sides you may browse' }) sides: string[];
}
