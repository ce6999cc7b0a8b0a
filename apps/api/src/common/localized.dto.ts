import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, MinLength, registerDecorator, ValidateNested, ValidationOptions } from 'class-validator';
import { trim } from './transforms';

/** A text in Vietnamese, Chinese (Simplified) and/or English: at least one. */
export class LocalizedInput {
  @ApiPropertyOptional({ example: 'Hội nghị Xúc tiến Thương mại Xuất khẩu Quốc tế' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  vi?: string;

  @ApiPropertyOptional({ example: '国际出口贸易促进会议' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  zh?: string;

  @ApiPropertyOptional({ example: 'International Export Trade Conference' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  en?: string;
}

/** Longer localized text (descriptions). */
export class LocalizedLongInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) vi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) zh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) en?: string;
}

/** The localized object must carry at least one of vi, zh, en. */
export function HasALanguage(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'hasALanguage',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'needs at least one of vi, zh, en', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && ['vi', 'zh', 'en'].some((k) => typeof (value as Record<string, unknown>)[k] === 'string'),
      },
    });
}

/** A required localized name: an object with at least one of vi, zh, en, each validated. */
export function LocalizedName(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: LocalizedInput }),
    IsObject(),
    HasALanguage(),
    ValidateNested(),
    Type(() => LocalizedInput),
  );
}
