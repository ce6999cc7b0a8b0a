import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional, DECORATORS } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { documentValidatorConstraints } from './validator-constraints';

class Page {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
}

class Sample extends Page {
  @ApiPropertyOptional({ description: 'Re-documented here, validated in Page' }) declare limit?: number;
  @ApiProperty() @IsUUID('all') id: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ maxLength: 5 }) @IsString() @MaxLength(10) short: string;
  @ApiProperty() @IsIn(['a', 'b']) kind: string;
  @ApiProperty() @Matches(/^[a-z]{2}$/i) language: string;
  @ApiProperty({ type: [String] }) @ArrayMinSize(1) @ArrayMaxSize(3) @Matches(/^\d{2}$/, { each: true }) codes: string[];
  @ApiProperty({ enum: ['x', 'y'], isArray: true }) @IsIn(['x', 'y'], { each: true }) roles: string[];
}

const meta = (target: object, property: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target, property) as Record<string, unknown>;

describe('documentValidatorConstraints: the validators’ rules in the OpenAPI metadata', () => {
  beforeAll(() => documentValidatorConstraints());

  it('gives formats for uuid, e-mail and ISO 8601 date-times', () => {
    expect(meta(Sample.prototype, 'id')).toMatchObject({ format: 'uuid' });
    expect(meta(Sample.prototype, 'email')).toMatchObject({ format: 'email', maxLength: 254 });
    expect(meta(Sample.prototype, 'startsAt')).toMatchObject({ format: 'date-time' });
  });

  it('makes IsInt numbers integers with their bounds, also where a subclass documents the inherited property again', () => {
    expect(meta(Page.prototype, 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    expect(meta(Sample.prototype, 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, description: 'Re-documented here, validated in Page' });
  });

  it('keeps what a DTO states explicitly', () => {
    expect(meta(Sample.prototype, 'short')).toMatchObject({ maxLength: 5 });
  });

  it('gives enums and patterns; a case-insensitive pattern is spelled out', () => {
    expect(meta(Sample.prototype, 'kind')).toMatchObject({ enum: ['a', 'b'] });
    expect(meta(Sample.prototype, 'language')).toMatchObject({ pattern: '^[a-zA-Z]{2}$' });
  });

  it('puts per-item rules of a primitive array into items, and array sizes on the array', () => {
    expect(meta(Sample.prototype, 'codes')).toMatchObject({ type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', pattern: '^\\d{2}$' } });
    expect(meta(Sample.prototype, 'roles')).toMatchObject({ type: 'array', items: { type: 'string', enum: ['x', 'y'] } });
  });
});
