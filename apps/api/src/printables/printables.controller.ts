import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError, ErrorCode } from '@tradebridge/core';
import { PrintablesService } from '@tradebridge/printables';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { BadgesQuery, SchedulesQuery, VenuePrintQuery } from './printables.dto';

const PDF = {
  description: 'A PDF (Noto Sans SC: Vietnamese and Chinese in one font)',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  headers: { 'Content-Disposition': { description: 'attachment; filename="tradebridge-<what>-<id>.pdf"', schema: { type: 'string' } } },
} as const;

/** The printables as PDF downloads; headers go out only once the inputs are read, so errors stay JSON. */
@ApiTags('printables')
@Controller('events/:id/printables')
export class PrintablesController {
  constructor(private readonly printables: PrintablesService) {}

  @Get('badges')
  @Authenticated()
  @ApiOperation({ summary: 'Badges with the QR code, name, side and venue: A6 or four per A4; all, a venue, or one enterprise (its members may print their own)' })
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404, 422)
  async badges(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: BadgesQuery, @Res() response: Response): Promise<void> {
    const layout = query.layout ?? 'a6';
    await this.printables.badges(actor, id, layout, query, response, pdf(response, `tradebridge-badges-${layout}-${id}.pdf`));
  }

  @Get('schedules')
  @Authenticated()
  @ApiOperation({
    summary: 'Personal meeting schedules, each in its enterprise’s language and time zone, with table numbers; all, a venue, or one enterprise (its members may print their own)',
  })
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404, 422)
  async schedules(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: SchedulesQuery, @Res() response: Response): Promise<void> {
    if (query.timezone !== undefined) checkZone(query.timezone);
    await this.printables.schedules(actor, id, query, response, pdf(response, `tradebridge-schedules-${id}.pdf`));
  }

  @Get('venues/:venueId/table-plan')
  @Authenticated()
  @ApiOperation({ summary: 'A venue’s table plan by slot, then a sign for each table with its QR code and its meetings (staff)' })
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404)
  async tablePlan(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('venueId') venueId: string,
    @Query() query: VenuePrintQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.printables.tablePlan(actor, id, venueId, query.locale ?? 'en', response, pdf(response, `tradebridge-table-plan-${venueId}.pdf`));
  }

  @Get('venues/:venueId/check-in-list')
  @Authenticated()
  @ApiOperation({ summary: 'A venue’s check-in list: its on-site participants by name, with badge codes and who has checked in (staff)' })
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404)
  async checkInList(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('venueId') venueId: string,
    @Query() query: VenuePrintQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.printables.checkInList(actor, id, venueId, query.locale ?? 'en', response, pdf(response, `tradebridge-check-in-${venueId}.pdf`));
  }
}

function pdf(response: Response, filename: string): () => void {
  return () => {
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  };
}

function checkZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw DomainError.invalidFields(ErrorCode.UNKNOWN_TIMEZONE, [{ field: 'timezone', message: `"${zone}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)` }]);
  }
}
