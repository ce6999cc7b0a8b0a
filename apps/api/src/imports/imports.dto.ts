import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, type Locale } from '@tradebridge/contracts';
import { IMPORT_COLUMNS, ROW_PROBLEM_CODES, type ImportColumn, type ImportJobView, type ImportReport, type ImportRowResult, type RowProblemCode } from '@tradebridge/imports';

export class ImportTemplateQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'must be xlsx or csv' })
  format?: 'xlsx' | 'csv';

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'The language of the headers and the guide' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

export class ImportQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'true: answer every row’s result and write nothing; false: apply' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'The language of the refusal reasons' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

class ImportProblemSchema {
  @ApiProperty({ enum: IMPORT_COLUMNS }) column: ImportColumn;
  @ApiProperty({ description: 'The column’s header in the requested language' }) header: string;
  @ApiProperty({ enum: ROW_PROBLEM_CODES }) code: RowProblemCode;
  @ApiProperty({ description: 'The reason, in the requested language' }) message: string;
}
class ImportRowSchema implements ImportRowResult {
  @ApiProperty({ type: 'integer', description: 'Spreadsheet row number (the header is row 1)' }) row: number;
  @ApiProperty({ enum: ['created', 'updated', 'refused'] }) status: 'created' | 'updated' | 'refused';
  @ApiPropertyOptional({ format: 'uuid', description: 'Updated rows, and every written row once applied' }) enterpriseId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ type: [ImportProblemSchema] }) problems?: ImportProblemSchema[];
}
class ImportTotalsSchema {
  @ApiProperty({ type: 'integer' }) rows: number;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) refused: number;
}
export class ImportReportResponse implements ImportReport {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: ImportTotalsSchema }) totals: ImportTotalsSchema;
  @ApiProperty({ type: [ImportRowSchema] }) rows: ImportRowSchema[];
}

export class ImportJobQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'The language of the report’s refusal reasons' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

class ImportJobErrorSchema {
  @ApiProperty({ example: 'IMPORT_INTERRUPTED', description: 'IMPORT_INTERRUPTED: its server process stopped; DATABASE_UNAVAILABLE; IMPORT_FAILED; or the code of the refusal' })
  code: string;
  @ApiProperty() message: string;
}

export class ImportJobResponse implements ImportJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status: ImportJobView['status'];
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ type: 'integer', description: 'The file’s rows' }) totalRows: number;
  @ApiProperty({ type: 'integer', description: 'Rows written so far (in the job’s transaction: visible to others only once it succeeds)' }) processedRows: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiPropertyOptional({ type: ImportReportResponse, description: 'Once succeeded: every row’s result, as a dry run answers it' }) result?: ImportReportResponse;
  @ApiPropertyOptional({ type: ImportJobErrorSchema, description: 'Once failed: why; nothing of the file was written' }) error?: ImportJobErrorSchema;
}
