import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LOCALES, type Locale } from '@tradebridge/contracts';
import type { BadgeLayout } from '@tradebridge/printables';

export class PrintQuery {
  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the sheet; schedules default to each enterprise’s own, the rest to en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this venue’s participants' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  venueId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this registration (what an enterprise’s member may print for itself)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  registrationId?: string;
}

export class BadgesQuery extends PrintQuery {
  @ApiPropertyOptional({ enum: ['a6', 'a4'], default: 'a6', description: 'a6: one badge per A6 page; a4: four per A4 sheet with cut lines' })
  @IsOptional()
  @IsIn(['a6', 'a4'], { message: 'must be a6 or a4' })
  layout?: BadgeLayout;
}

export class SchedulesQuery extends PrintQuery {
  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'Print in this IANA zone rather than each enterprise’s own (400 UNKNOWN_TIMEZONE otherwise)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;
}

export class VenuePrintQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}
