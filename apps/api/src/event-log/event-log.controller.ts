import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_POSITION, type Actor } from '@tradebridge/core';
import { EventLogService } from '@tradebridge/events';
import type { LogEntryView } from '@tradebridge/contracts';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';

class LogQuery {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, default: 0, description: 'Entries with a greater seq' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class LogEntrySchema implements LogEntryView {
  @ApiProperty({ type: 'integer', example: 42 }) seq: number;
  @ApiProperty({ example: 'registration.approved' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
class LogPage {
  @ApiProperty({ type: [LogEntrySchema] }) items: LogEntrySchema[];
  @ApiProperty({ type: 'integer', description: 'The last seq of the event so far' }) lastSeq: number;
}

@ApiTags('events')
@Authenticated()
@Controller('events/:id/log')
export class EventLogController {
  constructor(private readonly log: EventLogService) {}

  @Get()
  @ApiOperation({ summary: "The event's log after a seq, in order (staff): the audit trail and the live feed's source" })
  @ApiOkResponse({ type: LogPage })
  @ApiErrors(400, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: LogQuery) {
    return this.log.read(actor, id, query.afterSeq ?? 0, query.limit ?? 200);
  }
}
