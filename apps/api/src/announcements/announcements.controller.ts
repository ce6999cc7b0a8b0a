import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnnouncementsService } from '@tradebridge/announcements';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { PageQuery } from '../http/page.query';
import { AnnouncementPage, AnnouncementSentResponse, SendAnnouncementRequest } from './announcements.dto';

@ApiTags('announcements')
@Authenticated()
@Controller('events')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post(':id/announcements')
  @ApiOperation({ summary: 'Send an announcement to the approved participants, or those of one venue, room or side (organizers)' })
  @ApiCreatedResponse({ type: AnnouncementSentResponse })
  @ApiErrors(400, 403, 404, 409)
  send(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: SendAnnouncementRequest) {
    return this.announcements.send(actor, id, body);
  }

  @Get(':id/announcements')
  @ApiOperation({ summary: 'Announcements sent at this event, newest first (staff)' })
  @ApiOkResponse({ type: AnnouncementPage })
  @ApiErrors(400, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.announcements.list(actor, id, { limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }
}
