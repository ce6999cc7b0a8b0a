import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, registerDecorator, ValidationOptions } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && ['vi', 'zh', 'en'].some((k) => typeof (value as Record<string, unknown>)[k] === 'string'),
      },
    });
}
