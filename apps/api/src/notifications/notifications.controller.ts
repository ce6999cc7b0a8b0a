import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationView } from '@tradebridge/contracts';
import { DomainError, ErrorCode, MAX_POSITION, type Actor } from '@tradebridge/core';
import { NotificationsService } from '@tradebridge/notifications';
import { CurrentActor } from '../http/public.decorator';
import { PageQuery } from '../http/page.query';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only the unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class NotificationResponse implements NotificationView {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Grows in commit order: resume after the last one seen' }) id: number;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId: string | null;
  @ApiProperty({ description: "In the reader's language and time zone", example: 'Zhejiang Textiles accepted your connection' }) title: string;
  @ApiProperty({ description: "In the reader's language and time zone" }) body: string;
  @ApiProperty({ description: 'A path in the web app', example: '/events/3f0c…/connections' }) link: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts it was rendered from' }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse], description: 'Newest first' }) items: NotificationResponse[];
  @ApiProperty({ type: 'integer', description: 'How many match (all, or the unread with ?unread=true)' }) total: number;
  @ApiProperty({ type: 'integer', description: 'How many are unread' }) unread: number;
}

class MarkedResponse {
  @ApiProperty({ type: 'integer', description: 'How many were unread and are now read' }) marked: number;
}

const idPipe = new ParseIntPipe({
  exceptionFactory: () => new DomainError(ErrorCode.VALIDATION_FAILED, 'id must be a positive integer', { fields: [{ field: 'id', message: 'must be a positive integer', rule: 'isInt' }] }),
});

function positive(id: number): number {
  if (id < 1 || id > MAX_POSITION)
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'id must be a positive integer', { fields: [{ field: 'id', message: 'must be a positive integer', rule: 'min' }] });
  return id;
}

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first, in your language and time zone' })
  @ApiOkResponse({ type: NotificationPageResponse })
  @ApiErrors(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQuery) {
    return this.notifications.list(actor, { unread: query.unread === 'true', limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: MarkedResponse })
  @ApiErrors(401)
  markAllRead(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors(400, 401, 404)
  markRead(@CurrentActor() actor: Actor, @Param('id', idPipe) id: number) {
    return this.notifications.markRead(actor, positive(id));
  }
}
