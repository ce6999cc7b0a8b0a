import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ReportService } from '@tradebridge/reporting';
import type { Actor } from '@tradebridge/core';
import { CurrentActor, Public } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { LocaleQuery, PublicSummaryResponse, ReportQuery, ReportResponse } from './report.dto';

@ApiTags('reporting')
@Controller('events/:id/report')
export class ReportController {
  constructor(private readonly report: ReportService) {}

  @Public()
  @Get('public')
  @ApiOperation({ summary: 'The public summary of a closed event, for the press release: headline figures, no enterprise names or contacts' })
  @ApiOkResponse({ type: PublicSummaryResponse })
  @ApiErrors(400, 404)
  publicSummary(@UuidParam('id') id: string, @Query() query: LocaleQuery) {
    return this.report.publicSummary(id, query.locale ?? 'en');
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The results report (staff): participation, connections made, meetings, outcomes; JSON, CSV, XLSX or PDF' })
  @ApiExtraModels(ReportResponse)
  @ApiOkResponse({
    description: 'By `format`: JSON (default); csv: the summary tables and the connections-made list (UTF-8 with BOM); xlsx: six sheets; pdf: headline figures, charts and tables',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
    headers: { 'Content-Disposition': { description: 'csv, xlsx, pdf: attachment; filename="tradebridge-report-<id>-<locale>.<format>"', schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ReportQuery, @Res() response: Response): Promise<void> {
    const locale = query.locale ?? 'en';
    if (query.format === 'xlsx') {
      // Headers once the figures are in hand: an error before that still gets the JSON error body.
      await this.report.xlsx(actor, id, locale, response, () => {
        response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        response.setHeader('Content-Disposition', `attachment; filename="tradebridge-report-${id}-${locale}.xlsx"`);
      });
      return;
    }
    if (query.format === 'pdf') {
      await this.report.pdf(actor, id, locale, response, () => {
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `attachment; filename="tradebridge-report-${id}-${locale}.pdf"`);
      });
      return;
    }
    if (query.format !== 'csv') {
      response.json(await this.report.json(actor, id, locale));
      return;
    }
    let started = false;
    await this.report.csv(actor, id, locale, (chunk) => {
      if (!started) {
        // Headers only once the first chunk exists: errors before it still get the JSON error body.
        response.setHeader('Content-Type', 'text/csv; charset=utf-8');
        response.setHeader('Content-Disposition', `attachment; filename="tradebridge-report-${id}-${locale}.csv"`);
        started = true;
      }
      response.write(chunk);
    });
    response.end();
  }
}
