import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReportService } from '@tradebridge/reporting';
import type { Actor } from '@tradebridge/core';
import { LOCALES, REPORT_FORMATS, type Locale, type ReportFormat } from '@tradebridge/contracts';
import { CurrentActor, Public } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';

class LocaleQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

class PublicSummaryResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'name, dates, the two sides' }) event: Record<string, unknown>;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'registered, approved, checkedIn, connectionsMade, acceptanceRate, meetingsHeld, outcomes' }) totals: Record<string, number>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) bySide: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) venues: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) bySector: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) outcomesByKind: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) valueByCurrency: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) timeline: unknown[];
}

class ReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'The response content type follows: application/json, text/csv, xlsx or application/pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'must be json, csv, xlsx or pdf' })
  format?: ReportFormat;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'must be vi, zh or en' })
  locale?: Locale;
}

class ReportTotals {
  @ApiProperty({ type: 'integer' }) registered: number;
  @ApiProperty({ type: 'integer' }) approved: number;
  @ApiProperty({ type: 'integer' }) checkedIn: number;
  @ApiProperty({ type: 'integer' }) connectionsRequested: number;
  @ApiProperty({ type: 'integer', description: 'Accepted connections: what the conference is judged by' }) connectionsMade: number;
  @ApiProperty({ type: 'integer' }) connectionsDeclined: number;
  @ApiProperty({ type: 'integer' }) connectionsExpired: number;
  @ApiProperty({ description: 'made / requested' }) acceptanceRate: number;
  @ApiProperty({ type: 'integer' }) meetingsScheduled: number;
  @ApiProperty({ type: 'integer' }) meetingsHeld: number;
  @ApiProperty({ type: 'integer' }) meetingsNoShow: number;
  @ApiProperty({ type: 'integer', description: 'Current outcomes (corrections replace)' }) outcomes: number;
}
class ReportResponse {
  @ApiProperty({ type: 'object', additionalProperties: true }) event: Record<string, unknown>;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ type: ReportTotals }) totals: ReportTotals;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) bySide: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byCountry: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byRegion: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byVenue: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byAttendance: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byRoom: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byChannel: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Connections made between two venues, e.g. Lào Cai ↔ Hangzhou' }) byVenuePair: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Connections made per HS section traded' }) bySector: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The goods connected most: HS chapter, seller side, buyer side, connections made' }) topHsPairs: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) outcomesByKind: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) valueByCurrency: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Outcomes recorded per month since the event, by kind' }) outcomesOverTime: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Connections made per hour (UTC)' }) timeline: unknown[];
}

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
