import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  CERTIFICATION_KINDS,
  ENTERPRISE_SIZES,
  type Certification,
  type CertificationKind,
  type Contact,
  type EnterpriseSize,
  type EnterpriseView,
  type ProductLine,
} from '@tradebridge/contracts';
import { LocalizedName, LocalizedInput, LocalizedLongInput } from '../common/localized.dto';
import { LocalizedText } from '../common/responses';
import { PageQuery } from '../http/page.query';
import { upper } from '../common/transforms';

const SIZES = ENTERPRISE_SIZES;

export class ProductLineInput {
  @ApiProperty({ example: '081060', description: 'HS 2022 code of 2, 4 or 6 digits' })
  @IsString()
  @Matches(/^(\d{2}|\d{4}|\d{6})$/, { message: 'must be an HS code of 2, 4 or 6 digits' })
  hsCode: string;

  @ApiProperty({ example: 'Sầu riêng tươi Ri6 / fresh durian', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  description: string;
}

export class CertificationInput {
  @ApiProperty({ enum: CERTIFICATION_KINDS })
  @IsIn(CERTIFICATION_KINDS, { message: `must be one of ${CERTIFICATION_KINDS.join(', ')}` })
  kind: CertificationKind;

  @ApiPropertyOptional({ example: 'VN-LCOR-0102', description: 'Growing-area, packing-facility, GACC or certificate number' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'OCOP rating (3 to 5 stars)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  stars?: number;
}

export class ContactInput {
  @ApiProperty({ example: 'sales@laocai-agri.vn' }) @IsEmail({}, { message: 'must be a valid e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ example: '+84 214 3840 123' }) @IsString() @Matches(/^\+?[0-9 ()\-.]{6,30}$/, { message: 'must be a phone number' }) phone: string;
  @ApiProperty({ example: 'Nguyễn Thị Hoa' }) @IsString() @MinLength(1) @MaxLength(120) person: string;
}

export class CreateEnterpriseRequest {
  @LocalizedName()
  name: LocalizedInput;

  @ApiProperty({ example: 'VN', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country: string;

  @ApiProperty({ example: 'VN-02', description: 'ISO 3166-2 subdivision; pre-2025 Vietnamese provinces resolve to their new unit' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'must be an ISO 3166-2 code such as VN-02' })
  region: string;

  @ApiPropertyOptional({ example: ['II', '08'], description: 'HS sections (roman) or chapters (2 digits)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Matches(/^([IVX]{1,5}|\d{2})$/, { each: true, message: 'each sector must be an HS section (roman) or chapter (2 digits)' })
  sectors?: string[];

  @ApiProperty({ type: [ProductLineInput] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProductLineInput)
  offers: ProductLineInput[];

  @ApiProperty({ type: [ProductLineInput] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProductLineInput)
  needs: ProductLineInput[];

  @ApiPropertyOptional({ type: [CertificationInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CertificationInput)
  certifications?: CertificationInput[];

  @ApiPropertyOptional({ example: ['vi', 'zh'], description: 'ISO 639-1 languages it works in (default: those of its name)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2}$/i, { each: true, message: 'each language must be an ISO 639-1 code such as vi, zh, en' })
  languages?: string[];

  @ApiPropertyOptional({ example: 'https://laocai-agri.vn' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(300)
  website?: string;

  @ApiPropertyOptional({ enum: SIZES })
  @IsOptional()
  @IsIn(SIZES, { message: `must be one of ${SIZES.join(', ')}` })
  size?: EnterpriseSize;

  @ApiPropertyOptional({ type: LocalizedLongInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedLongInput)
  description?: LocalizedLongInput;

  @ApiPropertyOptional({ type: ContactInput, description: 'Private until a connection is accepted' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput;
}

// skipNullProperties: false: a field left out is optional, but `null` is still validated (and refused) rather than skipped.
export class UpdateEnterpriseRequest extends PartialType(CreateEnterpriseRequest, { skipNullProperties: false }) {}

export class EnterpriseListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;

  @ApiPropertyOptional({ example: 'II', description: 'HS section (roman) or chapter (2 digits)' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^([IVX]{1,5}|\d{2})$/, { message: 'must be an HS section (roman) or chapter (2 digits)' })
  sector?: string;

  @ApiPropertyOptional({ example: '0810', description: 'HS code prefix of an offer or need' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'must be 2 to 6 digits' })
  hs?: string;

  @ApiPropertyOptional({ example: 'lao cai', description: 'Name search in any language (accents ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ProductLineSchema implements ProductLine {
  @ApiProperty() hsCode: string;
  @ApiProperty() description: string;
}
export class CertificationSchema implements Certification {
  @ApiProperty({ enum: CERTIFICATION_KINDS }) kind: CertificationKind;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 }) stars?: number;
}
export class ContactSchema implements Contact {
  @ApiProperty() email: string;
  @ApiProperty() phone: string;
  @ApiProperty() person: string;
}
export class EnterpriseResponse implements EnterpriseView {
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
  @ApiPropertyOptional({ enum: SIZES }) size?: EnterpriseSize;
  @ApiPropertyOptional({ type: LocalizedText }) description?: LocalizedText;
  @ApiPropertyOptional({ type: ContactSchema, description: 'Only for members, staff of its events and accepted partners' }) contact?: ContactSchema;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
export class EnterprisePage {
  @ApiProperty({ type: [EnterpriseResponse] }) items: EnterpriseResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
}
