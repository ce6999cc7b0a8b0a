import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeetingsService } from '@tradebridge/meetings';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  AvailabilityRequest,
  AvailabilityResponse,
  BookMeetingRequest,
  MeetingListQuery,
  MeetingPage,
  MeetingResponse,
  ScheduleRequest,
  ScheduleRunResponse,
  StandbyResponse,
  ReschedulePage,
  RescheduleRequest,
  MeetingScanRequest,
  RescheduleResponse,
  UpdateMeetingRequest,
} from './meetings.dto';

@ApiTags('meetings')
@Authenticated()
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('events/:id/schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the scheduler over accepted connections without a meeting; booked meetings never move (organizers)' })
  @ApiOkResponse({ type: ScheduleRunResponse })
  @ApiErrors(400, 403, 404, 409)
  schedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ScheduleRequest) {
    return this.meetings.runSchedule(actor, id, body.dryRun ?? false);
  }

  @Post('meetings/:id/scan')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "At the table, a party scans the partner's badge (both there: held) or the table's QR code (its side is there; held once both sides are). 409 NOT_MEETING_TIME outside its time, WRONG_TABLE for another table's code",
  })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  scan(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: MeetingScanRequest) {
    return this.meetings.scanAtMeeting(actor, id, { badgeCode: body.badgeCode, tableCode: body.tableCode });
  }

  @Post('meetings/:id/reschedule')
  @ApiOperation({ summary: 'Propose another time for a meeting (its parties); the partner accepts or declines. 409 RESCHEDULE_PENDING while one waits' })
  @ApiCreatedResponse({ type: RescheduleResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  propose(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: RescheduleRequest) {
    return this.meetings.proposeReschedule(actor, id, new Date(body.startsAt));
  }

  @Get('meetings/:id/reschedules')
  @ApiOperation({ summary: "A meeting's proposals to move it, newest first (its parties and staff)" })
  @ApiOkResponse({ type: ReschedulePage })
  @ApiErrors(400, 404)
  reschedules(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.meetings.reschedulesOf(actor, id);
  }

  @Post('meetings/:id/reschedule/:proposalId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the partner’s proposal: the meeting moves (same calendar UID); 409 SLOT_TAKEN if either party or the table is busy then' })
  @ApiOkResponse({ type: RescheduleResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  acceptReschedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('proposalId') proposalId: string) {
    return this.meetings.answerReschedule(actor, id, proposalId, 'accept');
  }

  @Post('meetings/:id/reschedule/:proposalId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the partner’s proposal: the meeting stays where it is' })
  @ApiOkResponse({ type: RescheduleResponse })
  @ApiErrors(400, 403, 404, 409)
  declineReschedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('proposalId') proposalId: string) {
    return this.meetings.answerReschedule(actor, id, proposalId, 'decline');
  }

  @Post('meetings/:id/reschedule/:proposalId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your own proposal' })
  @ApiOkResponse({ type: RescheduleResponse })
  @ApiErrors(400, 403, 404, 409)
  withdrawReschedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('proposalId') proposalId: string) {
    return this.meetings.answerReschedule(actor, id, proposalId, 'withdraw');
  }

  @Get('events/:id/standby')
  @ApiOperation({ summary: 'The standby list (organizers): slots freed by no-shows and cancellations, the pairs waiting, and what a run would book now' })
  @ApiOkResponse({ type: StandbyResponse })
  @ApiErrors(400, 403, 404, 409)
  standby(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.meetings.standby(actor, id);
  }

  @Post('events/:id/meetings')
  @ApiOperation({ summary: 'Book a meeting by hand (staff); 409 SLOT_TAKEN if a party or the table is busy, 422 MEETING_IN_PAST, 422 MEETING_TOO_SHORT' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  book(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: BookMeetingRequest) {
    return this.meetings.book(actor, id, {
      connectionId: body.connectionId,
      startsAt: new Date(body.startsAt),
      endsAt: body.endsAt ? new Date(body.endsAt) : undefined,
      table: body.table,
    });
  }

  @Get('events/:id/meetings')
  @ApiOperation({ summary: "Meetings: all for staff, your enterprise's otherwise; times also in your and your partner's local time" })
  @ApiOkResponse({ type: MeetingPage })
  @ApiErrors(400, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: MeetingListQuery) {
    return this.meetings.list(actor, id, { status: query.status, registrationId: query.registrationId, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: "One meeting (its parties and staff): what an online meeting's link shows" })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.meetings.get(actor, id);
  }

  @Patch('meetings/:id')
  @ApiOperation({ summary: "Record your own attendance or cancel (parties); staff also record either party's attendance, override the status and move it" })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateMeetingRequest) {
    return this.meetings.update(actor, id, {
      status: body.status,
      attendance: body.attendance,
      registrationId: body.registrationId,
      startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
    });
  }

  @Put('events/:id/registrations/:rid/availability')
  @ApiOperation({ summary: 'When a registration can meet (its members or staff); replaces the previous windows' })
  @ApiOkResponse({ type: AvailabilityResponse })
  @ApiErrors(400, 404, 409, 422)
  setAvailability(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string, @Body() body: AvailabilityRequest) {
    return this.meetings.setAvailability(
      actor,
      id,
      rid,
      body.windows.map((w) => ({ startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) })),
    );
  }

  @Get('events/:id/registrations/:rid/availability')
  @ApiOperation({ summary: "A registration's availability windows (none = the whole event)" })
  @ApiOkResponse({ type: AvailabilityResponse })
  @ApiErrors(400, 404)
  getAvailability(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.meetings.getAvailability(actor, id, rid);
  }
}
