import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistrationsService } from '@tradebridge/registrations';
import type { Actor } from '@tradebridge/core';
import { CurrentActor } from '../http/public.decorator';
import { UuidParam } from '../http/uuid.pipe';
import { ApiErrors, Authenticated } from '../common/api-errors.decorator';
import {
  CheckInRequest,
  CreateRegistrationRequest,
  RegistrationListQuery,
  RegistrationPage,
  RegistrationResponse,
  RejectRegistrationRequest,
  RoomAssignmentRequest,
  RoomAssignmentResponse,
  UpdateRegistrationRequest,
} from './registrations.dto';

@ApiTags('registrations')
@Authenticated()
@Controller('events/:id')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('registrations')
  @ApiOperation({ summary: "Register your enterprise for the event at a venue, on site or online (the enterprise's members)" })
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  register(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CreateRegistrationRequest) {
    return this.registrations.register(actor, id, body);
  }

  @Get('registrations')
  @ApiOperation({ summary: "Registrations: all for staff, your enterprises' own otherwise; searched by name or badge and filtered" })
  @ApiOkResponse({ type: RegistrationPage })
  @ApiErrors(400, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: RegistrationListQuery) {
    const { checkedIn, ...filters } = query;
    return this.registrations.list(actor, id, {
      ...filters,
      checkedIn: checkedIn === undefined ? undefined : checkedIn === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Get('registrations/:rid')
  @ApiOperation({ summary: 'One registration (its enterprise’s members and staff)' })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.registrations.get(actor, id, rid);
  }

  @Patch('registrations/:rid')
  @ApiOperation({ summary: 'Organizer override: move a registration to a room, or out of it' })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string, @Body() body: UpdateRegistrationRequest) {
    return this.registrations.placeInRoom(actor, id, rid, body.roomId);
  }

  @Post('registrations/:rid/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending registration (organizers)' })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiErrors(400, 403, 404, 409)
  approve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string) {
    return this.registrations.approve(actor, id, rid);
  }

  @Post('registrations/:rid/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending registration (organizers)' })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiErrors(400, 403, 404, 409)
  reject(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('rid') rid: string, @Body() body: RejectRegistrationRequest) {
    return this.registrations.reject(actor, id, rid, body.reason);
  }

  @Post('room-assignments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Place approved registrations in sector rooms by best overlap (organizers); dryRun previews' })
  @ApiOkResponse({ type: RoomAssignmentResponse })
  @ApiErrors(400, 403, 404, 409)
  assignRooms(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: RoomAssignmentRequest) {
    return this.registrations.assignRooms(actor, id, body.dryRun ?? false);
  }

  @Post('check-ins')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a registration in by its badge code (staff)' })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  checkIn(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CheckInRequest) {
    return this.registrations.checkIn(actor, id, body.badgeCode);
  }
}
