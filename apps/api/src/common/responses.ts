import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI schemas of shared response shapes (the TypeScript types live in libs/contracts). */
export class LocalizedText {
  @ApiPropertyOptional({ example: 'Công ty TNHH Nông sản Lào Cai' }) vi?: string;
  @ApiPropertyOptional({ example: '老街农产品有限公司' }) zh?: string;
  @ApiPropertyOptional({ example: 'Lao Cai Agricultural Products Co., Ltd.' }) en?: string;
}

export class FieldProblemSchema {
  @ApiProperty({ example: 'offers[0].hsCode' }) field: string;
  @ApiProperty({ example: 'must be shorter than or equal to 120 characters', description: 'In English' }) message: string;
  @ApiPropertyOptional({ example: 'maxLength', description: 'The rule broken, for a localized text: `required` (missing), or the constraint (`maxLength`, `isUuid`, `isIn`, …)' }) rule?: string;
  @ApiPropertyOptional({ example: 120, description: 'The rule\'s number (`maxLength`, `minLength`, `min`, `max`, `arrayMaxSize`, …)' }) limit?: number;
  @ApiPropertyOptional({ example: ['vi', 'zh', 'en'], description: 'The allowed values (`isIn`)', type: [String] }) values?: (string | number)[];
}

export class ErrorDetailsSchema {
  @ApiPropertyOptional({ type: [FieldProblemSchema] }) fields?: FieldProblemSchema[];
}

export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: 'Invalid request: offers[0].hsCode is not a known HS 2022 code' }) message: string;
  @ApiPropertyOptional({ type: ErrorDetailsSchema }) details?: ErrorDetailsSchema;
}
