import { Body, Controller, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { StaffRoomsService } from '@tradebridge/events';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import { StaffResponse } from './events.dto';

export class StaffRoomsRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every room the moderator runs from now on (replaces the list; empty: none)' })
  @IsArray({ message: 'must be an array of room ids' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be room ids' })
  roomIds: string[];
}

@ApiTags('events')
@Authenticated()
@Controller('events')
export class StaffRoomsController {
  constructor(private readonly staffRooms: StaffRoomsService) {}

  @Put(':id/staff/:userId/rooms')
  @ApiOperation({ summary: 'The rooms a moderator runs (organizers): it calls the next presenter and records connections only there. 400 for an organizer; 404 for a room not of the event' })
  @ApiOkResponse({ type: StaffResponse })
  @ApiErrors(400, 403, 404, 409)
  assign(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('userId') userId: string, @Body() body: StaffRoomsRequest) {
    return this.staffRooms.assign(actor, id, userId, body.roomIds);
  }
}
