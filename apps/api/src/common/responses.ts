import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@tradebridge/core';
import type { ErrorBody, FieldProblemBody, Localized } from '@tradebridge/contracts';

/** OpenAPI schemas of shared response shapes (the TypeScript types live in libs/contracts). */
export class LocalizedText implements Localized {
  @ApiPropertyOptional({ example: 'Công ty TNHH Nông sản Lào Cai' }) vi?: string;
  @ApiPropertyOptional({ example: '老街农产品有限公司' }) zh?: string;
  @ApiPropertyOptional({ example: 'Lao Cai Agricultural Products Co., Ltd.' }) en?: string;
}

export class FieldProblemSchema implements FieldProblemBody {
  @ApiProperty({ example: 'offers[0].hsCode' }) field: string;
  @ApiProperty({ example: 'must be shorter than or equal to 120 characters', description: 'In English' }) message: string;
  @ApiPropertyOptional({ example: 'maxLength', description: 'The rule broken, for a localized text: `required` (missing), or the constraint (`maxLength`, `isUuid`, `isIn`, …)' })
  rule?: string;
  @ApiPropertyOptional({ example: 120, description: "The rule's number (`maxLength`, `minLength`, `min`, `max`, `arrayMaxSize`, …)" }) limit?: number;
  @ApiPropertyOptional({
    example: ['vi', 'zh', 'en'],
    description: 'The allowed values (`isIn`)',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  })
  values?: (string | number)[];
}

export class ErrorDetailsSchema {
  [key: string]: unknown;
  @ApiPropertyOptional({ type: [FieldProblemSchema] }) fields?: FieldProblemSchema[];
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'With 429 TOO_MANY_ATTEMPTS and 503 DATABASE_UNAVAILABLE: as the Retry-After header' }) retryAfterSeconds?: number;
}

export class ErrorResponse implements ErrorBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 }) statusCode: number;
  @ApiProperty({ enum: Object.values(ErrorCode), enumName: 'ErrorCode', example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: ErrorCode;
  @ApiProperty({ example: 'Invalid request: offers[0].hsCode is not a known HS 2022 code' }) message: string;
  @ApiPropertyOptional({ type: ErrorDetailsSchema }) details?: ErrorDetailsSchema;
}
