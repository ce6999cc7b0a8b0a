import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttendanceNowService } from '@tradebridge/meetings';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { AttendanceNowResponse } from './attendance-now.dto';

@ApiTags('meetings')
@Authenticated()
@Controller()
export class AttendanceNowController {
  constructor(private readonly attendance: AttendanceNowService) {}

  @Get('events/:id/attendance/now')
  @ApiOperation({ summary: "The current slot (or the next one) and its meetings per venue and online: under way, held, missed, waiting, cancelled (the event's staff)" })
  @ApiOkResponse({ type: AttendanceNowResponse })
  @ApiErrors(400, 403, 404)
  now(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.attendance.now(actor, id);
  }
}
