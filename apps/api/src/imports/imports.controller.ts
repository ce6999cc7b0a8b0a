import { Controller, Get, HttpCode, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError, ErrorCode } from '@tradebridge/core';
import { ImportsService, type SheetFormat } from '@tradebridge/imports';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { ImportQuery, ImportReportResponse, ImportTemplateQuery } from './imports.dto';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The raw bodies the import route reads (apps/api/src/app.ts mounts the parser); multipart goes through multer. */
export const IMPORT_MEDIA_TYPES = [XLSX_TYPE, 'text/csv', 'application/octet-stream'];
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface UploadedSheet {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

@ApiTags('imports')
@Controller('events/:id/import')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('template')
  @Authenticated()
  @ApiOperation({ summary: 'The participants template (organizers): headers in the chosen language; XLSX has a note on each header and a guide sheet' })
  @ApiOkResponse({
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
    headers: { 'Content-Disposition': { description: 'attachment; filename="tradebridge-participants-<locale>.<format>"', schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 404)
  async template(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ImportTemplateQuery, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'xlsx';
    const locale = query.locale ?? 'en';
    const body = await this.imports.template(actor, id, format, locale);
    response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="tradebridge-participants-${locale}.${format}"`);
    response.end(body);
  }

  @Post()
  @HttpCode(200)
  @Authenticated()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Import participants from XLSX or CSV (organizers): a dry run answers every row’s result; apply writes the accepted rows in one transaction, matched on tax code, else contact e-mail',
  })
  @ApiConsumes('multipart/form-data', XLSX_TYPE, 'text/csv')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  run(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ImportQuery, @Req() request: Request, @UploadedFile() file?: UploadedSheet) {
    return this.imports.run(actor, id, () => sheetOf(request, file), query.locale ?? 'en', query.dryRun !== 'false');
  }
}

export function sheetOf(request: Request, file?: UploadedSheet): { format: SheetFormat; body: Buffer } {
  const given = file ? { body: file.buffer, type: file.mimetype, name: file.originalname } : { body: request.body as unknown, type: request.headers['content-type'] ?? '', name: '' };
  if (!Buffer.isBuffer(given.body))
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the file as multipart/form-data (field "file"), or as the body with Content-Type text/csv or the XLSX type');
  const zip = given.body.subarray(0, 2).toString('latin1') === 'PK';
  const format: SheetFormat =
    given.type.startsWith(XLSX_TYPE) || /\.xlsx$/i.test(given.name) ? 'xlsx' : given.type.startsWith('text/csv') || /\.csv$/i.test(given.name) ? 'csv' : zip ? 'xlsx' : 'csv';
  return { format, body: given.body };
}
