import { Controller, Get, HttpCode, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tradebridge/core';
import { ImportsService } from '@tradebridge/imports';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { IMPORT_MAX_BYTES, sheetOf, XLSX_TYPE, type UploadedSheet } from './imports.controller';
import { ImportJobQuery, ImportJobResponse } from './imports.dto';

/** An applied import as a job: answered at once (202), followed by polling its progress. */
@ApiTags('imports')
@Controller('events/:id/imports')
export class ImportJobsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Authenticated()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Apply an import as a job (organizers): the file is read and checked for shape before the answer; its rows are then written in one transaction, with progress, and either all commit or none (one job per event at a time: 409 IMPORT_RUNNING)',
  })
  @ApiConsumes('multipart/form-data', XLSX_TYPE, 'text/csv')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportJobResponse })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  start(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ImportJobQuery, @Req() request: Request, @UploadedFile() file?: UploadedSheet) {
    return this.imports.startJob(actor, id, () => sheetOf(request, file), query.locale ?? 'en');
  }

  @Get(':importId')
  @Authenticated()
  @ApiOperation({ summary: 'An import job (organizers): running with the rows processed so far, succeeded with its report, or failed with why (nothing written)' })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiErrors(400, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('importId') importId: string) {
    return this.imports.job(actor, id, importId);
  }
}
