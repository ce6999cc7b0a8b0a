import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { listRegions, searchHs } from '@tradebridge/reference';
import { HS_LEVELS, LOCALES, type HsEntryView, type HsLevel, type Locale, type RegionView } from '@tradebridge/contracts';
import { Public } from '../http/public.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { PageQuery } from '../http/page.query';
import { LocalizedText } from '../common/responses';
import { upper } from '../common/transforms';

const LEVELS = HS_LEVELS;

class LocaleQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;

  @ApiPropertyOptional({ description: 'Code prefix or name in any of vi/zh/en (accents ignored)', example: 'sầu riêng' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

class HsQuery extends LocaleQuery {
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS, { message: `must be one of ${LEVELS.join(', ')}` }) level?: HsLevel;

  @ApiPropertyOptional({ description: 'Children of this code (a section, chapter or heading)', example: '08' })
  @IsOptional()
  @Matches(/^([IVX]{1,5}|\d{2}|\d{4})$/, { message: 'must be an HS section, chapter or heading' })
  parent?: string;
}

class RegionQuery extends LocaleQuery {
  @ApiPropertyOptional({ example: 'VN', description: 'VN, CN or LA' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;
}

class HsEntrySchema implements HsEntryView {
  @ApiProperty({ example: '081060' }) code: string;
  @ApiProperty({ enum: LEVELS }) level: HsLevel;
  @ApiProperty({ description: 'Name in the requested locale' }) name: string;
  @ApiProperty({ type: LocalizedText }) names: LocalizedText;
  @ApiProperty({ type: String, nullable: true, example: '0810' }) parent: string | null;
}
class HsPage {
  @ApiProperty({ type: [HsEntrySchema] }) items: HsEntrySchema[];
  @ApiProperty({ type: 'integer' }) total: number;
}
class RegionAliasSchema {
  @ApiProperty({ example: 'VN-06' }) code: string;
  @ApiProperty({ type: LocalizedText }) names: LocalizedText;
}
class RegionSchema implements RegionView {
  @ApiProperty({ example: 'VN-02' }) code: string;
  @ApiProperty({ example: 'VN' }) country: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: LocalizedText }) names: LocalizedText;
  @ApiProperty({ type: [RegionAliasSchema], description: 'Former units that resolve to this one' }) aliases: RegionAliasSchema[];
}
class RegionPage {
  @ApiProperty({ type: [RegionSchema] }) items: RegionSchema[];
  @ApiProperty({ type: 'integer' }) total: number;
}

/** Shipped reference data: HS 2022 and regions, in vi/zh/en. Public: no secrets here. */
@ApiTags('reference')
@Public()
@Controller('reference')
export class ReferenceController {
  @Get('hs')
  @ApiOperation({ summary: 'HS 2022 nomenclature: search by code prefix or by name in vi/zh/en' })
  @ApiOkResponse({ type: HsPage })
  @ApiErrors(400)
  hs(@Query() query: HsQuery) {
    return searchHs({ q: query.q, level: query.level, parent: query.parent, limit: query.limit ?? 50, offset: query.offset ?? 0 }, query.locale ?? 'en');
  }

  @Get('regions')
  @ApiOperation({ summary: 'Regions (ISO 3166-2) of VN (34 units since 1 July 2025, former provinces as aliases), CN and LA' })
  @ApiOkResponse({ type: RegionPage })
  @ApiErrors(400)
  regions(@Query() query: RegionQuery) {
    const all = listRegions({ country: query.country, q: query.q }, query.locale ?? 'en');
    const offset = query.offset ?? 0;
    return { items: all.slice(offset, offset + (query.limit ?? 200)), total: all.length };
  }
}
